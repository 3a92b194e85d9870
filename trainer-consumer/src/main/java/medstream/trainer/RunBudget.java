package medstream.trainer;

/**
 * What is left of a run's {@link Budget}: new tokens taken into rounds, and wall time. In a drain run the time left
 * also caps the next round's tokens, at the rate the last round achieved, so the last round still ends in time.
 */
final class RunBudget {
    private final Budget budget;
    private final boolean drain;
    private final double replayFraction;
    private final long start;
    private long newTokens;
    private double lastRate;

    /**
     * @param budget the limits
     * @param drain whether the run is a drain run (only those stop on a budget)
     * @param replayFraction replayed rows per new row, which a round trains on besides its new tokens
     * @param start when the run started ({@link System#nanoTime()})
     */
    RunBudget(Budget budget, boolean drain, double replayFraction, long start) {
        this.budget = budget;
        this.drain = drain;
        this.replayFraction = replayFraction;
        this.start = start;
    }

    /** A round took this many new tokens. */
    void taken(long tokens) {
        newTokens += tokens;
    }

    /** A round ended; its rate spans training, checkpoint and evaluation, as the time budget does. */
    void measured(RoundResult round, double seconds) {
        if (seconds > 0 && round.steps() > 0) {
            lastRate = round.trainedTokens() / seconds;
        }
    }

    /** Why a drain run must stop now, or null to go on (a run that is not a drain has no budget to spend). */
    StageRun.StopReason spent() {
        if (!drain) {
            return null;
        }
        if (remainingTokens() <= 0) {
            return StageRun.StopReason.TOKEN_BUDGET;
        }
        if (budget.maxDuration() != null && System.nanoTime() - start >= budget.maxDuration().toNanos()) {
            return StageRun.StopReason.TIME_BUDGET;
        }
        return null;
    }

    /** New tokens still allowed: the token budget, and the time budget at the last measured rate. */
    long remainingTokens() {
        long left = budget.maxNewTokens() == Long.MAX_VALUE ? Long.MAX_VALUE : budget.maxNewTokens() - newTokens;
        if (drain && budget.maxDuration() != null && lastRate > 0) {
            double seconds = (budget.maxDuration().toNanos() - (System.nanoTime() - start)) / 1e9;
            long byTime = (long) (Math.max(0, seconds) * lastRate / (1 + replayFraction));
            left = Math.min(left, Math.max(byTime, 1));
        }
        return left;
    }
}
