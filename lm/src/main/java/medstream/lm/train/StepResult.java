package medstream.lm.train;

/**
 * What one optimizer step did.
 *
 * @param step number of updates applied after this step (1 after the first)
 * @param loss weighted masked mean cross-entropy of the batch, before the update
 * @param gradNorm global L2 norm of the gradient before clipping
 * @param learningRate rate used for the update
 * @param tokens input tokens processed (rows x length, over all micro-batches)
 * @param lossTokens targets that carried a positive loss mask
 * @param skipped true when the gradient was not finite and the update was skipped
 * @param seconds wall time of the step
 */
public record StepResult(
        long step, double loss, double gradNorm, double learningRate, long tokens, long lossTokens,
        boolean skipped, double seconds) {

    /** Input tokens per second of wall time. */
    public double tokensPerSecond() {
        return seconds > 0 ? tokens / seconds : 0;
    }
}
