package medstream.labeler.offline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an offline run produced: counts by label and decision, dead letters by reason, the confidence
 * histogram ({@link LabelsFile#BINS} equal bins over [0, 1]) and the rate; {@link #toMap()} is what {@code summary.json} holds.
 */
public record OfflineSummary(int items, Map<String, Integer> labels, Map<String, Integer> decisions,
                             Map<String, Integer> rejected, long[] confidenceHistogram, String strategy, String modelVersion,
                             String device, double seconds) {

    /** Items per second. */
    public double itemsPerSecond() {
        return seconds <= 0 ? 0 : items / seconds;
    }

    /** A JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("strategy", strategy);
        m.put("model_version", modelVersion);
        m.put("device", device);
        m.put("labels", labels);
        m.put("decisions", decisions);
        m.put("rejected", rejected);
        m.put("confidence_histogram", confidenceHistogram);
        m.put("seconds", seconds);
        m.put("items_per_s", itemsPerSecond());
        return m;
    }
}
