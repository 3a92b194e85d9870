package medstream.experiments.lf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.labeler.calibration.CalibrationConfig;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.lf.LabelModel;
import medstream.labeler.lf.PubMedQaLfs;
import medstream.topics.config.Settings;

/**
 * {@code java medstream.experiments.lf.LfCrossValidationMain [--data DIR] [--label-model generative|discriminative]
 * [--target X] [--min-accepted N] [--inner-folds K] [--l2 X] [--model-votes FILE] [--exclude-fold F] [--out FILE.json]}: the 10-fold
 * cross-validation of the default labeling functions and both label models on PQA-L trainval, in seconds. Prints
 * the Markdown table; writes the JSON report when {@code --out} is given. {@code --exclude-fold F} drops fold F and
 * its held-out items from every training part: the mode to develop labeling functions in, fold F kept unseen.
 */
public final class LfCrossValidationMain {
    private LfCrossValidationMain() {}

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(System.getProperty("medstream.shared.data", "../shared/data"));
        LfCrossValidation.Settings d = LfCrossValidation.Settings.defaults();
        LabelModel.Kind kind = d.labelModel();
        double target = d.targetAccuracy();
        int minAccepted = d.minAccepted();
        int inner = d.innerFolds();
        double l2 = d.l2();
        OutOfFoldVotes models = OutOfFoldVotes.none();
        Path out = null;
        int exclude = -1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(value);
                case "--label-model" -> kind = LabelModel.Kind.of(value);
                case "--target" -> target = Double.parseDouble(value);
                case "--min-accepted" -> minAccepted = Integer.parseInt(value);
                case "--inner-folds" -> inner = Integer.parseInt(value);
                case "--l2" -> l2 = Double.parseDouble(value);
                case "--model-votes" -> models = OutOfFoldVotes.read(Path.of(value));
                case "--out" -> out = Path.of(value);
                case "--exclude-fold" -> exclude = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; see the class comment of "
                        + LfCrossValidationMain.class.getName());
            }
            i++;
        }
        Path pqal = data.resolve("pubmedqa-pqal");
        List<CrossValidationFolds.Fold> folds = CrossValidationFolds.read(pqal.resolve("pqal_trainval.json"),
                pqal.resolve("pqal_cv_folds.json"));
        if (exclude >= 0) folds = LfCrossValidation.excluding(folds, exclude);
        long t0 = System.nanoTime();
        LfCrossValidationReport report = LfCrossValidation.run(folds, PubMedQaLfs.defaults(), models,
                new LfCrossValidation.Settings(kind, target, minAccepted, inner, l2));
        System.out.print(report.toMarkdown());
        if (folds.stream().anyMatch(f -> f.index() == 0)) {
            // The service calibrates on fold 0's 50 dev items with its own target: what strategy weak would get there.
            CalibrationConfig service = CalibrationConfig.from(Settings.of(Map.of()));
            System.out.println("Service path (fitted on fold 0's training items, calibrated on its 50 dev items, target "
                    + service.targetAccuracy() + "): " + report.calibrationOnFold(0, service.targetAccuracy(), service.minAccepted()).describe());
        }
        System.out.printf(Locale.ROOT, "%d folds in %.1f s%n", folds.size(), (System.nanoTime() - t0) / 1e9);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report.toMap());
        }
    }
}
