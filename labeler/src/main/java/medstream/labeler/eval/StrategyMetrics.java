package medstream.labeler.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quality of one strategy's labels.
 *
 * @param strategy         strategy name
 * @param n                items
 * @param accuracy         fraction correct
 * @param macroF1          unweighted mean of per-class F1 over the classes seen in gold or predictions
 * @param ece              expected calibration error over {@link LabelEvaluation#ECE_BINS} equal-width bins
 * @param majorityBaseline accuracy of always answering the most frequent gold class
 * @param acceptedFraction fraction routed ACCEPT
 * @param acceptedAccuracy accuracy on the ACCEPTed items (NaN when none)
 * @param perClassF1       F1 per class
 * @param coverage         accuracy of the most confident fraction c of items, for c = 0.1, 0.2, ..., 1.0
 */
public record StrategyMetrics(String strategy, int n, double accuracy, double macroF1, double ece, double majorityBaseline,
                              double acceptedFraction, double acceptedAccuracy, Map<String, Double> perClassF1,
                              List<CoveragePoint> coverage) {

    /**
     * One point of the accuracy-vs-coverage curve.
     *
     * @param coverage      fraction of items kept (the most confident first)
     * @param n             items kept
     * @param accuracy      accuracy on them
     * @param minConfidence confidence of the least confident kept item (the threshold that keeps them)
     */
    public record CoveragePoint(double coverage, int n, double accuracy, double minConfidence) {}

    /** A JSON-ready map (snake_case keys). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", strategy);
        m.put("n", n);
        m.put("accuracy", accuracy);
        m.put("macro_f1", macroF1);
        m.put("ece", ece);
        m.put("majority_baseline", majorityBaseline);
        m.put("accepted_fraction", acceptedFraction);
        m.put("accepted_accuracy", Double.isNaN(acceptedAccuracy) ? null : acceptedAccuracy);
        m.put("per_class_f1", perClassF1);
        // Ordered: Map.of iterates in a per-JVM order, so identical runs would write differently ordered JSON.
        m.put("coverage_curve", coverage.stream().map(p -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("coverage", p.coverage());
            point.put("n", p.n());
            point.put("accuracy", p.accuracy());
            point.put("min_confidence", p.minConfidence());
            return point;
        }).toList());
        return m;
    }
}
