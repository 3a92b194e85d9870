package medstream.labeler.lf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import medstream.labeler.LabelerConfig;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.offline.PubMedQaFile;
import medstream.labeler.strategy.LabelingStrategy;
import medstream.labeler.strategy.Strategies;

/**
 * Builds strategy {@code weak} from configuration: the default labeling functions and a label model fitted on the
 * configured gold file. The service calibrates its ACCEPT threshold on the PQA-L dev items (fold 0's held-out part),
 * so with a folds file those items are left out of the label model's training.
 */
public final class WeakStrategies {
    private WeakStrategies() {}

    /**
     * Rules only, one label model fitted now (offline labeling, tests).
     *
     * @throws IllegalArgumentException when no gold file is configured or it cannot be read
     */
    public static WeakSupervisionStrategy create(LabelerConfig.Weak w) {
        requireGold(w);
        List<PubMedQaFile.Item> items = PubMedQaFile.read(Path.of(w.goldFile())).stream().filter(it -> it.gold() != null).toList();
        if (!w.foldsFile().isEmpty()) {
            Set<String> held = CrossValidationFolds.read(Path.of(w.goldFile()), Path.of(w.foldsFile())).stream()
                    .filter(f -> f.index() == w.heldOutFold()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(w.foldsFile() + " has no fold " + w.heldOutFold()
                            + "; set " + LabelerConfig.WEAK_HELD_OUT_FOLD.key() + " to one of its folds"))
                    .heldOutIds();
            items = items.stream().filter(it -> !held.contains(it.request().getId())).toList();
        }
        return fit(PubMedQaLfs.defaults(), items, LabelModel.Kind.of(w.labelModel()));
    }

    /**
     * The service's {@code weak}: the rules plus the configured model voters ({@code weak.model-voters}), a label model
     * fitted per model version on every gold item outside the held-out fold and, with a folds file, out-of-fold
     * predictions over all gold items for the version's calibration.
     *
     * @throws IllegalArgumentException when no gold file is configured, it cannot be read, or a model voter is unknown
     */
    public static WeakSupervisionStrategy create(LabelerConfig config) {
        LabelerConfig.Weak w = config.weak();
        requireGold(w);
        List<PubMedQaFile.Item> items = PubMedQaFile.read(Path.of(w.goldFile())).stream().filter(it -> it.gold() != null).toList();
        List<CrossValidationFolds.Fold> folds = w.foldsFile().isEmpty() ? List.of()
                : CrossValidationFolds.read(Path.of(w.goldFile()), Path.of(w.foldsFile()));
        if (!folds.isEmpty() && folds.stream().noneMatch(f -> f.index() == w.heldOutFold())) {
            throw new IllegalArgumentException(w.foldsFile() + " has no fold " + w.heldOutFold() + "; set "
                    + LabelerConfig.WEAK_HELD_OUT_FOLD.key() + " to one of its folds");
        }
        List<LabelingStrategy> voters = new ArrayList<>();
        for (String name : w.modelVoters()) {
            if (!List.of("voc", "ppl", "long-answer").contains(name)) {
                throw new IllegalArgumentException("weak model voter '" + name + "' is not a model strategy; "
                        + LabelerConfig.WEAK_MODEL_VOTERS.key() + " takes voc, ppl, long-answer");
            }
            voters.add(Strategies.create(name, config));
        }
        LabelingFunctions lfs = PubMedQaLfs.defaults();
        WeakTrainer trainer = new WeakTrainer(lfs, voters, items, folds, w.heldOutFold(), LabelModel.Kind.of(w.labelModel()));
        return new WeakSupervisionStrategy(lfs, trainer, config);
    }

    private static void requireGold(LabelerConfig.Weak w) {
        if (w.goldFile().isEmpty() || !Files.isReadable(Path.of(w.goldFile()))) {
            throw new IllegalArgumentException("strategy weak needs " + LabelerConfig.WEAK_GOLD_FILE.key() + ": a readable "
                    + "PubMedQA JSON with final_decision to fit its label model on, e.g. ../shared/data/pubmedqa-pqal/"
                    + "pqal_trainval.json (got '" + w.goldFile() + "'); set " + LabelerConfig.WEAK_FOLDS_FILE.key()
                    + " too, so the calibration items stay out of training");
        }
    }

    /** The strategy with a label model of {@code kind} fitted on {@code items}' votes (and gold). */
    public static WeakSupervisionStrategy fit(LabelingFunctions lfs, List<PubMedQaFile.Item> items, LabelModel.Kind kind) {
        if (items.isEmpty()) throw new IllegalArgumentException("strategy weak has no gold items to fit its label model on");
        List<VoteSet> votes = items.stream().map(it -> lfs.apply(LfInput.of(it.request()))).toList();
        LabelModel m = kind.fit(lfs.ids(), votes, items.stream().map(PubMedQaFile.Item::gold).toList(),
                LogisticLabelModel.DEFAULT_L2);
        return new WeakSupervisionStrategy(lfs, m);
    }
}
