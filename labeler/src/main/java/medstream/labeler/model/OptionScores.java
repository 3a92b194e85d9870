package medstream.labeler.model;

import java.util.Arrays;

/**
 * Log-likelihoods of the options of one prompt.
 *
 * @param sumLogProb sum of the natural-log probabilities of each option's tokens, per option
 * @param tokenCount number of tokens of each option
 */
public record OptionScores(double[] sumLogProb, int[] tokenCount) {
    /** Validates and copies. */
    public OptionScores {
        if (sumLogProb.length != tokenCount.length) {
            throw new IllegalArgumentException("sumLogProb has " + sumLogProb.length + " entries but tokenCount has "
                    + tokenCount.length);
        }
        sumLogProb = sumLogProb.clone();
        tokenCount = tokenCount.clone();
    }

    /** Number of options. */
    public int size() {
        return sumLogProb.length;
    }

    /** Total log-likelihood of option {@code i}. */
    public double total(int i) {
        return sumLogProb[i];
    }

    /** Mean log-likelihood per token of option {@code i}: minus the log of its perplexity. */
    public double mean(int i) {
        return tokenCount[i] == 0 ? 0.0 : sumLogProb[i] / tokenCount[i];
    }

    /** The mean log-likelihood of every option. */
    public double[] means() {
        double[] m = new double[size()];
        for (int i = 0; i < m.length; i++) m[i] = mean(i);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionScores s && Arrays.equals(sumLogProb, s.sumLogProb) && Arrays.equals(tokenCount, s.tokenCount);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sumLogProb) + Arrays.hashCode(tokenCount);
    }

    @Override
    public String toString() {
        return "OptionScores" + Arrays.toString(sumLogProb) + "/" + Arrays.toString(tokenCount);
    }
}
