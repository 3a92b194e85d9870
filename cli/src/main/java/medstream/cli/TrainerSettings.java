package medstream.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.config.TriggerPolicy;

/**
 * Settings of the long-lived trainer service ({@code serve trainer}, {@code up}): which stages, which preset, where
 * checkpoints go, and when a stage trains a round. The round triggers default to the preset's (a round per
 * {@code roundTokens} of the preset, or after 30 minutes); a local stack fed small files lowers them.
 */
public final class TrainerSettings {
    /** Where the trainer keeps its checkpoints (one directory per stage below it); a volume in a deployment. */
    public static final Setting<String> CHECKPOINT_DIR = Setting.string("medstream.trainer.checkpoint-dir", "checkpoints",
            "Checkpoint root of the trainer service (stage<N>/ below it); ./medstream up uses <out>/checkpoints");
    /** The stages one trainer process trains. */
    public static final Setting<String> STAGES = Setting.string("medstream.trainer.stages", "1,2,3",
            "Stages the trainer service trains, one consumer group and thread each");
    /** Model preset of the trainer service. */
    public static final Setting<String> PRESET = Setting.string("medstream.trainer.serve-preset", "small",
            "Model preset of the trainer service: tiny, small, base, large");
    /** Formatted tokens that start a round (0: the preset's). */
    public static final Setting<Long> ROUND_TOKENS = Setting.longValue("medstream.trainer.round-tokens", 0,
            "Formatted tokens buffered per stage that start a training round (0: the preset's, 4,000 tiny / 100,000 small)");
    /** Records that start a round. */
    public static final Setting<Integer> ROUND_RECORDS = Setting.integer("medstream.trainer.round-records", 100_000,
            "Records buffered per stage that start a training round");
    /** Age of the oldest buffered record that starts a round (0 disables). */
    public static final Setting<Long> ROUND_MAX_AGE_S = Setting.longValue("medstream.trainer.round-max-age-s", 1_800,
            "Seconds the oldest buffered record waits before a round trains whatever is buffered (0: never)");

    /** Every trainer setting, in the order they are printed and documented. */
    public static final List<Setting<?>> ALL = List.of(CHECKPOINT_DIR, STAGES, PRESET, ROUND_TOKENS, ROUND_RECORDS, ROUND_MAX_AGE_S);

    private TrainerSettings() {}

    /** The stages to train, e.g. {@code [1, 2, 3]}. */
    public static List<Integer> stages(Settings settings) {
        return Arrays.stream(settings.get(STAGES).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .map(Integer::parseInt).toList();
    }

    /** The preset's hyperparameters with this service's round triggers on every stage. */
    public static TrainingHyperparameters hyperparameters(Settings settings) {
        TrainingHyperparameters hyper = TrainingHyperparameters.forPreset(settings.get(PRESET));
        for (int stage = 1; stage <= 3; stage++) {
            StageConfig config = hyper.stage(stage);
            hyper = hyper.withStage(config.withTriggers(triggers(settings, config.triggers())));
        }
        return hyper;
    }

    static TriggerPolicy triggers(Settings settings, TriggerPolicy preset) {
        long tokens = settings.get(ROUND_TOKENS);
        long ageSeconds = settings.get(ROUND_MAX_AGE_S);
        if (tokens < 0 || ageSeconds < 0) {
            throw new IllegalArgumentException(ROUND_TOKENS.key() + " and " + ROUND_MAX_AGE_S.key() + " must be >= 0 (0: preset's "
                    + "tokens / no age trigger), got " + tokens + " and " + ageSeconds);
        }
        return preset.withMaxTokens(tokens == 0 ? preset.maxTokens() : tokens).withMaxRecords(settings.get(ROUND_RECORDS))
                .withMaxAge(ageSeconds == 0 ? null : Duration.ofSeconds(ageSeconds));
    }
}
