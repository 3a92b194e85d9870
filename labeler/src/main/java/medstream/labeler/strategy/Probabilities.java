package medstream.labeler.strategy;

/** Numerically stable softmax and friends over option scores. */
public final class Probabilities {
    /** Floor under probabilities before a log, so a zero never becomes -infinity. */
    static final double FLOOR = 1e-9;

    private Probabilities() {}

    /** {@code exp(x_i - max) / sum}: probabilities from log-likelihoods. */
    public static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : logits) max = Math.max(max, x);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }

    /** Natural log with {@link #FLOOR}. */
    static double safeLog(double p) {
        return Math.log(Math.max(p, FLOOR));
    }

    /** Index of the largest value (first on a tie). */
    static int argmax(double[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
        return b;
    }
}
