package medstream.trainer.config;

import medstream.lm.model.LoraConfig;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;

/**
 * The training settings of one stage. Built by {@link TrainingHyperparameters}, which documents where each
 * default comes from; nothing else in the trainer holds a hyperparameter.
 *
 * @param stage 1 (knowledge injection), 2 (instruction tuning) or 3 (multiple-choice adaptation)
 * @param peakLr learning rate at the end of warm-up
 * @param scheduleKind decay shape after warm-up (cosine for stages 1-2, linear for stage 3)
 * @param minLrRatio final rate as a fraction of the peak
 * @param warmupFraction warm-up length as a fraction of the planned steps
 * @param plannedTokens tokens the schedule is laid out over (the stage's budget); once trained past it the
 *     rate stays at its minimum, so a stream that goes on keeps learning slowly instead of stopping
 * @param optimizer AdamW betas, weight decay and clipping
 * @param lora adapters for this stage, or null for full fine-tuning
 * @param batchSize rows per optimizer step
 * @param replayFraction replayed examples of earlier rounds per new example (0.25 = one in five rows is replay)
 * @param reservoirCapacity examples kept for replay, saved in every checkpoint
 * @param triggers when a round starts
 * @param truncation what happens to over-long records
 */
public record StageConfig(
        int stage,
        double peakLr,
        LrSchedule.Kind scheduleKind,
        double minLrRatio,
        double warmupFraction,
        long plannedTokens,
        OptimizerConfig optimizer,
        LoraConfig lora,
        int batchSize,
        double replayFraction,
        int reservoirCapacity,
        TriggerPolicy triggers,
        TruncationPolicy truncation) {

    /** Validates ranges that the lm classes do not check themselves. */
    public StageConfig {
        if (stage < 1 || stage > 3) {
            throw new IllegalArgumentException("stage must be 1, 2 or 3, got " + stage);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warmupFraction must be in [0, 1), got " + warmupFraction);
        }
        if (plannedTokens <= 0 || batchSize <= 0 || reservoirCapacity < 0) {
            throw new IllegalArgumentException("plannedTokens and batchSize must be positive and reservoirCapacity >= 0");
        }
        if (!(replayFraction >= 0)) {
            throw new IllegalArgumentException("replayFraction must be >= 0, got " + replayFraction);
        }
    }

    /**
     * The schedule over the planned steps; {@code rowTokens} is the tokens of one row (context + 1).
     *
     * @param rowTokens tokens per row
     * @return warm-up then decay over {@code plannedTokens / (batchSize * rowTokens)} steps
     */
    public LrSchedule schedule(int rowTokens) {
        long total = Math.max(2, (long) Math.ceil((double) plannedTokens / ((long) batchSize * rowTokens)));
        long warmup = Math.min(total - 1, Math.round(total * warmupFraction));
        return new LrSchedule(scheduleKind, peakLr, warmup, total, minLrRatio);
    }

    /** True when this stage trains LoRA adapters over a frozen base. */
    public boolean usesLora() {
        return lora != null;
    }

    /** Same settings with another peak rate. */
    public StageConfig withPeakLr(double value) {
        return new StageConfig(stage, value, scheduleKind, minLrRatio, warmupFraction, plannedTokens, optimizer, lora,
                batchSize, replayFraction, reservoirCapacity, triggers, truncation);
    }

    /** Same settings with another token plan (the schedule's length). */
    public StageConfig withPlannedTokens(long value) {
        return new StageConfig(stage, peakLr, scheduleKind, minLrRatio, warmupFraction, value, optimizer, lora,
                batchSize, replayFraction, reservoirCapacity, triggers, truncation);
    }

    /** Same settings with other triggers. */
    public StageConfig withTriggers(TriggerPolicy value) {
        return new StageConfig(stage, peakLr, scheduleKind, minLrRatio, warmupFraction, plannedTokens, optimizer, lora,
                batchSize, replayFraction, reservoirCapacity, value, truncation);
    }

    /** Same settings with another replay fraction. */
    public StageConfig withReplayFraction(double value) {
        return new StageConfig(stage, peakLr, scheduleKind, minLrRatio, warmupFraction, plannedTokens, optimizer, lora,
                batchSize, value, reservoirCapacity, triggers, truncation);
    }

    /** Same settings with another batch size. */
    public StageConfig withBatchSize(int value) {
        return new StageConfig(stage, peakLr, scheduleKind, minLrRatio, warmupFraction, plannedTokens, optimizer, lora,
                value, replayFraction, reservoirCapacity, triggers, truncation);
    }

    /** Same settings with adapters (or null for full fine-tuning). */
    public StageConfig withLora(LoraConfig value) {
        return new StageConfig(stage, peakLr, scheduleKind, minLrRatio, warmupFraction, plannedTokens, optimizer, value,
                batchSize, replayFraction, reservoirCapacity, triggers, truncation);
    }

    /** Same settings with another truncation policy. */
    public StageConfig withTruncation(TruncationPolicy value) {
        return new StageConfig(stage, peakLr, scheduleKind, minLrRatio, warmupFraction, plannedTokens, optimizer, lora,
                batchSize, replayFraction, reservoirCapacity, triggers, value);
    }
}
