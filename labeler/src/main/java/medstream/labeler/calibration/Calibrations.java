package medstream.labeler.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import medstream.labeler.eval.StrategyMetrics;

/**
 * The calibration of every model version loaded so far, shared by the thread that loads models and the workers that
 * route their results. A version without an entry is routed by the fixed threshold.
 */
public final class Calibrations {
    private final Map<String, Calibration> byVersion = new ConcurrentHashMap<>();
    private final Map<String, List<StrategyMetrics.CoveragePoint>> curves = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> analyses = new ConcurrentHashMap<>();

    /** Records a version's calibration (a later one for the same version replaces it). */
    public void put(Calibration c) {
        byVersion.put(c.modelVersion(), c);
    }

    /** The calibration of {@code version}, if it was calibrated. */
    public Optional<Calibration> forVersion(String version) {
        return version == null ? Optional.empty() : Optional.ofNullable(byVersion.get(version));
    }

    /** Records a version's accuracy-vs-coverage curve on the calibration items (the most confident first). */
    public void putCoverageCurve(String version, List<StrategyMetrics.CoveragePoint> curve) {
        curves.put(version, List.copyOf(curve));
    }

    /** Every recorded accuracy-vs-coverage curve, by version, for summaries and the run report. */
    public Map<String, List<StrategyMetrics.CoveragePoint>> coverageCurves() {
        return new TreeMap<>(curves);
    }

    /** Records what a self-trained strategy (weak) learned for a version: its voters' analysis and weights. */
    public void putAnalysis(String version, Map<String, Object> analysis) {
        analyses.put(version, analysis);
    }

    /** Every recorded analysis, by version (empty for strategies that learn nothing). */
    public Map<String, Map<String, Object>> analyses() {
        return new TreeMap<>(analyses);
    }

    /** Every calibration, by version, for summaries. */
    public Map<String, Calibration> all() {
        return new LinkedHashMap<>(byVersion);
    }
}
