package medstream.cli;

import java.nio.file.Path;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.CalibrationConfig;
import medstream.topics.config.Settings;

/**
 * The labeler defaults of the commands that run the whole loop ({@code local}, {@code serve labeler}, {@code up}):
 * strategy {@code weak} with the model strategies ppl and long-answer as voters, its label model trained on the PQA-L
 * trainval items of the data directory, fold 0 (the dev items the run calibrates and evaluates on) held out. The
 * library's own default stays {@code voc}, which needs no data file. The calibration target is the lower bound 0.85
 * at which the PQA-L cross-validation measured the label model (ACCEPT accuracy 0.86 at 27 % coverage): weak calibrates
 * on ~500 out-of-fold predictions, where the service's general 0.7 would accept every label at the label model's overall
 * 0.77 and feed stage 3 a PSEUDO label that is wrong one time in four. Every value here is only a fallback: a flag,
 * property, environment variable or config file that sets the key wins.
 */
public final class LabelerDefaults {
    /** The model strategies that vote in weak by default: the two that cost one scoring pass each. */
    public static final String MODEL_VOTERS = "ppl,long-answer";
    /** The calibration target (Wilson lower bound of the accepted items' accuracy) of the loop's labels. */
    public static final double TARGET_ACCURACY = 0.85;

    private LabelerDefaults() {}

    /** Sets the fallbacks on {@code settings}, with the gold and folds files under {@code dataDir}. */
    public static Settings weakByDefault(Settings settings, Path dataDir) {
        Path pqal = dataDir.resolve("pubmedqa-pqal");
        return settings.fallback(LabelerConfig.STRATEGY, "weak")
                .fallback(LabelerConfig.WEAK_GOLD_FILE, pqal.resolve("pqal_trainval.json").toString())
                .fallback(LabelerConfig.WEAK_FOLDS_FILE, pqal.resolve("pqal_cv_folds.json").toString())
                .fallback(LabelerConfig.WEAK_MODEL_VOTERS, MODEL_VOTERS)
                .fallback(CalibrationConfig.TARGET, TARGET_ACCURACY);
    }
}
