package medstream.lm.train;

/**
 * Learning rate as a pure function of the optimizer step, so a resumed run lands on the same rate.
 * Every kind warms up linearly from {@code peakLr / warmupSteps} to {@code peakLr} over the first
 * {@code warmupSteps} steps; then CONSTANT stays there, LINEAR and COSINE decay to
 * {@code peakLr * minRatio} at {@code totalSteps} and stay there.
 *
 * @param kind shape after warm-up
 * @param peakLr rate reached at the end of warm-up
 * @param warmupSteps length of the warm-up (0 for none)
 * @param totalSteps step at which decay ends (ignored by CONSTANT)
 * @param minRatio final rate as a fraction of the peak
 */
public record LrSchedule(Kind kind, double peakLr, long warmupSteps, long totalSteps, double minRatio) {

    /** Shape of the schedule after warm-up. */
    public enum Kind {
        /** Stay at the peak. */
        CONSTANT,
        /** Straight line down to the minimum. */
        LINEAR,
        /** Half a cosine down to the minimum. */
        COSINE
    }

    /** Validates the schedule. */
    public LrSchedule {
        if (!(peakLr > 0)) {
            throw new IllegalArgumentException("peakLr must be positive, got " + peakLr);
        }
        if (warmupSteps < 0 || (kind != Kind.CONSTANT && totalSteps <= warmupSteps)) {
            throw new IllegalArgumentException("need 0 <= warmupSteps < totalSteps, got warmup " + warmupSteps
                    + " and total " + totalSteps);
        }
        if (!(minRatio >= 0 && minRatio <= 1)) {
            throw new IllegalArgumentException("minRatio must be in [0, 1], got " + minRatio);
        }
    }

    /** Cosine decay after linear warm-up (nanoGPT's schedule). */
    public static LrSchedule cosine(double peakLr, long warmupSteps, long totalSteps, double minRatio) {
        return new LrSchedule(Kind.COSINE, peakLr, warmupSteps, totalSteps, minRatio);
    }

    /** Linear decay after linear warm-up. */
    public static LrSchedule linear(double peakLr, long warmupSteps, long totalSteps, double minRatio) {
        return new LrSchedule(Kind.LINEAR, peakLr, warmupSteps, totalSteps, minRatio);
    }

    /** Constant rate after linear warm-up. */
    public static LrSchedule constant(double peakLr, long warmupSteps) {
        return new LrSchedule(Kind.CONSTANT, peakLr, warmupSteps, warmupSteps + 1, 1.0);
    }

    /**
     * The rate for an optimizer step.
     *
     * @param step number of updates already applied (0 for the first)
     * @return the learning rate
     */
    public double lr(long step) {
        if (step < warmupSteps) {
            return peakLr * (step + 1) / warmupSteps;
        }
        if (kind == Kind.CONSTANT) {
            return peakLr;
        }
        double min = peakLr * minRatio;
        if (step >= totalSteps) {
            return min;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        double coefficient = kind == Kind.COSINE ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
        return min + coefficient * (peakLr - min);
    }
}
