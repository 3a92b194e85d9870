package medstream.labeler.lf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import medstream.labeler.LabelerConfig;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.offline.PubMedQaFile;

/**
 * Builds strategy {@code weak} from configuration: the default labeling functions and a label model fitted on the
 * configured gold file. The service calibrates its ACCEPT threshold on the PQA-L dev items (fold 0's held-out part),
 * so with a folds file those items are left out of the label model's training.
 */
public final class WeakStrategies {
    private WeakStrategies() {}

    /**
     * @throws IllegalArgumentException when no gold file is configured or it cannot be read
     */
    public static WeakSupervisionStrategy create(LabelerConfig.Weak w) {
        if (w.goldFile().isEmpty() || !Files.isReadable(Path.of(w.goldFile()))) {
            throw new IllegalArgumentException("strategy weak needs " + LabelerConfig.WEAK_GOLD_FILE.key() + ": a readable "
                    + "PubMedQA JSON with final_decision to fit its label model on, e.g. ../shared/data/pubmedqa-pqal/"
                    + "pqal_trainval.json (got '" + w.goldFile() + "'); set " + LabelerConfig.WEAK_FOLDS_FILE.key()
                    + " too, so the calibration items stay out of training");
        }
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

    /** The strategy with a label model of {@code kind} fitted on {@code items}' votes (and gold). */
    public static WeakSupervisionStrategy fit(LabelingFunctions lfs, List<PubMedQaFile.Item> items, LabelModel.Kind kind) {
        if (items.isEmpty()) throw new IllegalArgumentException("strategy weak has no gold items to fit its label model on");
        List<VoteSet> votes = items.stream().map(it -> lfs.apply(LfInput.of(it.request()))).toList();
        LabelModel m = kind.fit(lfs.ids(), votes, items.stream().map(PubMedQaFile.Item::gold).toList(),
                LogisticLabelModel.DEFAULT_L2);
        return new WeakSupervisionStrategy(lfs, m);
    }
}
