package medstream.trainer.api;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import medstream.contracts.McqTask;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.hf.HfConfig;
import medstream.trainer.StageEngine;
import medstream.trainer.StageSpec;
import medstream.trainer.TrainerListener;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.format.Example;

/**
 * Stage-3 tuning from memory: a version tuned on multiple-choice tasks from a parent directory, with the stage-3
 * trainer's own formatting (McqFormatter, loss on the answer, rows weighted by {@code sampleWeight}), batching,
 * schedule, adapters and checkpoint. One round of {@code epochs} passes over the tasks, shuffled together; no replay
 * (nothing earlier to replay), no evaluation; a linear schedule laid out over exactly the round's steps.
 *
 * <pre>{@code
 * TrainedVersion v = McqTuning.tune(parentDir, tasks, McqTuning.Settings.of("small"), outDir, System.err);
 * v.checkpoint();   // outDir/stage3/s3-v0001, which DjlLabelingModel.load reads
 * }</pre>
 */
public final class McqTuning {
    private McqTuning() {}

    /**
     * How to tune.
     *
     * @param preset the lm preset whose stage-3 defaults apply; a medstream GPT parent must have its context
     * @param peakLr peak learning rate (linear decay after stage 3's 6% warm-up)
     * @param batchSize rows per optimizer step
     * @param epochs passes over the tasks
     * @param lora true: LoRA adapters (stage 3's rank and targets) over the parent's frozen weights; false: every weight
     * @param promptLossWeight weight of the prompt's targets, 0 (McqFormatter's mask: the answer only) to 1
     * @param seed data-order seed (the round's shuffle)
     */
    public record Settings(String preset, double peakLr, int batchSize, int epochs, boolean lora,
            double promptLossWeight, long seed) {
        /** Validates. */
        public Settings {
            if (!(peakLr > 0) || batchSize < 1 || epochs < 1) {
                throw new IllegalArgumentException("need a positive learning rate, batch >= 1 and epochs >= 1, got "
                        + peakLr + ", " + batchSize + ", " + epochs);
            }
            if (!(promptLossWeight >= 0 && promptLossWeight <= 1)) {
                throw new IllegalArgumentException("the prompt-loss weight must be in [0, 1], got " + promptLossWeight);
            }
        }

        /** The preset's stage-3 defaults: its rate, batch and adapters, one epoch, the answer's loss only. */
        public static Settings of(String preset) {
            TrainingHyperparameters h = TrainingHyperparameters.forPreset(preset);
            return new Settings(preset, h.stage3().peakLr(), h.stage3().batchSize(), 1, h.stage3().usesLora(), 0,
                    h.seed());
        }
    }

    /**
     * Tunes a version.
     *
     * @param parent a checkpoint (e.g. a stage-2 version, or one {@link FreshModel} wrote) or a Hugging Face model
     *     directory; it is only read
     * @param tasks the training tasks, in order (tasks no row can hold are skipped and listed in the result)
     * @param settings how to tune
     * @param root where the version goes: {@code root/stage3/s3-v0001} (numbered after any version there)
     * @param progress where the progress lines go
     * @return the version and its figures
     * @throws IllegalStateException when no task fits a row of the model's context
     */
    public static TrainedVersion tune(Path parent, List<McqTask> tasks, Settings settings, Path root,
            PrintStream progress) throws IOException {
        TrainingHyperparameters h = TrainingHyperparameters.forPreset(settings.preset()).withSeed(settings.seed());
        int context = rowContext(parent, h, settings.preset());
        // The schedule is laid out over every task; the few that do not fit a row only shorten its tail.
        int steps = (int) Math.ceil((double) tasks.size() * settings.epochs() / settings.batchSize());
        TrainingHyperparameters hyper = hyperparameters(h, settings, context, steps);
        try (StageEngine<McqTask> engine = StageEngine.openFromParent(StageSpec.STAGE3, hyper, parent, root,
                TrainerListener.NONE, progress)) {
            float w = (float) settings.promptLossWeight();
            MemoryRound.Formatted once = MemoryRound.format(engine, tasks, McqTask::getId, e -> withPromptLoss(e, w));
            if (once.rows().isEmpty()) {
                throw new IllegalStateException("none of the " + tasks.size() + " tasks fits a row of the model's context"
                        + " (" + context + " tokens); use a preset with a longer context");
            }
            return MemoryRound.train(engine, once, settings.epochs());
        }
    }

    /**
     * Stage 3 of {@code h} with the settings' rate, batch and adapters; no replay, no evaluation, and a schedule over
     * exactly {@code steps} steps of full rows.
     */
    static TrainingHyperparameters hyperparameters(TrainingHyperparameters h, Settings s, int context, int steps) {
        StageConfig s3 = h.stage3().withPeakLr(s.peakLr()).withBatchSize(s.batchSize()).withReplayFraction(0)
                .withLora(s.lora() ? h.stage3().lora() : null)
                .withPlannedTokens((long) Math.max(2, steps) * s.batchSize() * (context + 1));
        return h.withStage(s3).withEval(new TrainingHyperparameters.EvalConfig(0, 0, false));
    }

    /**
     * The context the rows will span: a medstream GPT's own, which must be the preset's (the preset's defaults are
     * tuned for its shape); a Hugging Face model's, capped at the preset's as the engine caps it.
     */
    static int rowContext(Path parent, TrainingHyperparameters h, String preset) {
        int presetContext = h.model(h.vocabSize()).context();
        if (!Files.isRegularFile(parent.resolve(Checkpoint.MANIFEST))) {
            try {
                return Math.min(presetContext, HfConfig.read(parent).maxPositionEmbeddings());
            } catch (IOException e) {
                throw new UncheckedIOException(parent + " holds neither a checkpoint (" + Checkpoint.MANIFEST
                        + ") nor a readable Hugging Face config: " + e.getMessage(), e);
            }
        }
        Checkpoint c = Checkpoint.open(parent);
        if (c.isHuggingFace()) {
            return Math.min(presetContext, c.contextLength());
        }
        if (c.contextLength() != presetContext) {
            throw new IllegalArgumentException("preset " + preset + " has a context of " + presetContext
                    + " tokens but the parent " + parent + " has " + c.contextLength()
                    + "; pass the preset the parent was built with");
        }
        return presetContext;
    }

    /**
     * The row with its prompt targets weighted {@code w} instead of 0 (McqFormatter masks the prompt; the answer keeps
     * weight 1). A model trained from scratch learns one token per row from the answer alone; the prompt's targets
     * give it dense gradients on the text too.
     */
    static Example withPromptLoss(Example e, float w) {
        if (w == 0) {
            return e;
        }
        float[] mask = e.lossMask().clone();
        int answer = 0;
        while (answer < mask.length && mask[answer] == 0) {
            answer++;
        }
        for (int i = 0; i < answer; i++) {
            mask[i] = w;
        }
        return new Example(e.tokens(), mask, e.weight());
    }
}
