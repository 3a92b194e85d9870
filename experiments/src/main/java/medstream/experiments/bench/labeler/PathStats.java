package medstream.experiments.bench.labeler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timed rounds of one benchmark path: the median is the path's figure, quartiles and extremes its spread, and the
 * GC and JIT time that fell inside the rounds say whether the JVM, rather than the model, moved a round.
 *
 * @param seconds    wall seconds of each timed round, in run order
 * @param gcSeconds  garbage-collector time inside each round
 * @param jitSeconds JIT compiler time inside each round
 * @param passes     passes over the work per round ({@code seconds} are per pass)
 */
public record PathStats(List<Double> seconds, List<Double> gcSeconds, List<Double> jitSeconds, int passes) {
    public PathStats {
        if (seconds.isEmpty()) throw new IllegalArgumentException("a path needs at least one timed round");
        seconds = List.copyOf(seconds);
        gcSeconds = List.copyOf(gcSeconds);
        jitSeconds = List.copyOf(jitSeconds);
    }

    /** Median round time. */
    public double median() { return quantile(0.5); }
    /** Fastest round. */
    public double min() { return sorted().get(0); }
    /** Slowest round. */
    public double max() { return sorted().get(seconds.size() - 1); }

    /** Quantile {@code q} in [0, 1] of the round times, linear between order statistics. */
    public double quantile(double q) {
        List<Double> s = sorted();
        double pos = q * (s.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s.get(lo) + (pos - lo) * (s.get(hi) - s.get(lo));
    }

    /** Interquartile range over the median: the spread the ratio inherits from this path. */
    public double relativeIqr() { return (quantile(0.75) - quantile(0.25)) / median(); }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(seconds);
        Collections.sort(s);
        return s;
    }

    /** Rates per second for {@code items} per round: median, quartiles, extremes, and the rounds themselves. */
    public Map<String, Object> toMap(int items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median_rps", items / median());
        m.put("min_rps", items / max());
        m.put("max_rps", items / min());
        m.put("q1_rps", items / quantile(0.75));
        m.put("q3_rps", items / quantile(0.25));
        m.put("relative_iqr", relativeIqr());
        m.put("passes_per_round", passes);
        m.put("round_seconds", seconds);
        m.put("gc_seconds", gcSeconds.stream().mapToDouble(Double::doubleValue).sum());
        m.put("jit_seconds", jitSeconds.stream().mapToDouble(Double::doubleValue).sum());
        return m;
    }
}
