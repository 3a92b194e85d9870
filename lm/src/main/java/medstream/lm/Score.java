package medstream.lm;

/**
 * Log-likelihood of one continuation given its prompt.
 *
 * @param sumLogProb sum over the continuation's tokens of log p(token | everything before it), natural log
 * @param tokenCount number of continuation tokens scored
 */
public record Score(double sumLogProb, int tokenCount) {

    /** Mean log-probability per token; the length-normalised score used for ranking options. */
    public double meanLogProb() {
        return tokenCount == 0 ? 0.0 : sumLogProb / tokenCount;
    }

    /** Perplexity of the continuation, {@code exp(-mean log p)}. */
    public double perplexity() {
        return Math.exp(-meanLogProb());
    }
}
