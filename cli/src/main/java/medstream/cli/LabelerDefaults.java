package medstream.cli;

import java.nio.file.Path;
import medstream.labeler.LabelerConfig;
import medstream.topics.config.Settings;

/**
 * The labeler defaults of the commands that run the whole loop ({@code local}, {@code serve labeler}, {@code up}):
 * strategy {@code weak} with the model strategies ppl and long-answer as voters, its label model trained on the PQA-L
 * trainval items of the data directory, fold 0 (the dev items the run calibrates and evaluates on) held out. The
 * library's own default stays {@code voc}, which needs no data file. Every value here is only a fallback: a flag,
 * property, environment variable or config file that sets the key wins.
 */
public final class LabelerDefaults {
    /** The model strategies that vote in weak by default: the two that cost one scoring pass each. */
    public static final String MODEL_VOTERS = "ppl,long-answer";

    private LabelerDefaults() {}

    /** Sets the fallbacks on {@code settings}, with the gold and folds files under {@code dataDir}. */
    public static Settings weakByDefault(Settings settings, Path dataDir) {
        Path pqal = dataDir.resolve("pubmedqa-pqal");
        return settings.fallback(LabelerConfig.STRATEGY, "weak")
                .fallback(LabelerConfig.WEAK_GOLD_FILE, pqal.resolve("pqal_trainval.json").toString())
                .fallback(LabelerConfig.WEAK_FOLDS_FILE, pqal.resolve("pqal_cv_folds.json").toString())
                .fallback(LabelerConfig.WEAK_MODEL_VOTERS, MODEL_VOTERS);
    }
}
