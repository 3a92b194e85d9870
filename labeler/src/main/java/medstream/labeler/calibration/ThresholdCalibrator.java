package medstream.labeler.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the ACCEPT threshold from (confidence, correct) pairs on held-out items: among the thresholds that keep at
 * least {@code minAccepted} items, the lowest one (the most coverage) whose accepted items' accuracy has a
 * one-sided Wilson lower bound of at least the target. The bound, not the raw accuracy, decides, because the
 * calibration sets are small (50 PubMedQA dev items): 8 right out of 10 is not evidence of 80% accuracy.
 *
 * <p>Pure; thresholds are the observed confidences, so "confidence >= threshold" accepts exactly the counted items
 * (ties included).
 */
public final class ThresholdCalibrator {
    /** z of a one-sided 90% bound. */
    static final double Z = 1.2816;

    private final double targetAccuracy;
    private final int minAccepted;

    /**
     * @param targetAccuracy the lower bound of accepted accuracy must reach this
     * @param minAccepted    a threshold must accept at least this many items
     */
    public ThresholdCalibrator(double targetAccuracy, int minAccepted) {
        if (!(targetAccuracy > 0 && targetAccuracy <= 1)) throw new IllegalArgumentException("target accuracy must be in (0,1]: " + targetAccuracy);
        if (minAccepted < 1) throw new IllegalArgumentException("minAccepted must be >= 1: " + minAccepted);
        this.targetAccuracy = targetAccuracy;
        this.minAccepted = minAccepted;
    }

    /** One held-out item's outcome. */
    public record Outcome(double confidence, boolean correct) { }

    /** The calibration of {@code modelVersion} from its outcomes on items of {@code benchmark}. */
    public Calibration calibrate(String modelVersion, String benchmark, List<Outcome> outcomes) {
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparingDouble(Outcome::confidence).reversed());
        int n = sorted.size();
        int right = 0;
        for (Outcome o : sorted) if (o.correct()) right++;
        double overall = n == 0 ? Double.NaN : (double) right / n;

        int bestK = -1;
        int bestRight = 0;
        int prefixRight = 0;
        for (int k = 1; k <= n; k++) {
            if (sorted.get(k - 1).correct()) prefixRight++;
            boolean endOfTie = k == n || sorted.get(k).confidence() < sorted.get(k - 1).confidence();
            if (!endOfTie || k < minAccepted) continue;
            if (wilsonLowerBound(prefixRight, k) >= targetAccuracy) {
                bestK = k; // keep going: a lower threshold with more coverage may also qualify
                bestRight = prefixRight;
            }
        }
        if (bestK < 0) {
            return new Calibration(modelVersion, false, Double.NaN, n, overall, 0, Double.NaN, Double.NaN, targetAccuracy, benchmark);
        }
        return new Calibration(modelVersion, true, sorted.get(bestK - 1).confidence(), n, overall, bestK,
                (double) bestRight / bestK, wilsonLowerBound(bestRight, bestK), targetAccuracy, benchmark);
    }

    /** Wilson score interval's lower end for {@code successes} of {@code n} at {@link #Z}. */
    static double wilsonLowerBound(int successes, int n) {
        if (n == 0) return 0;
        double p = (double) successes / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2 * n);
        double margin = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (centre - margin) / (1 + z2 / n);
    }
}
