package medstream.ingest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ingesting one source produced.
 *
 * @param source         source name
 * @param path           what was read
 * @param recordsByTopic records acknowledged by the broker, by logical topic name ({@code raw.documents} ...)
 * @param deadLetters    entries sent to the dead-letter topic (malformed lines/entries, failed sends)
 * @param skipped        entries not ingested on purpose, by reason ({@code skipped_unanswered} ...)
 * @param limited        whether the limit stopped the source before its end
 * @param elapsed        wall time
 */
public record SourceReport(String source, String path, Map<String, Long> recordsByTopic, long deadLetters,
                           Map<String, Long> skipped, boolean limited, Duration elapsed) {
    public SourceReport {
        recordsByTopic = Map.copyOf(recordsByTopic);
        skipped = Map.copyOf(skipped);
    }

    /** Records over all topics (dead letters not included). */
    public long records() {
        return recordsByTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Skipped entries over all reasons. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records per second of wall time. */
    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : records() / s;
    }

    /** A JSON-ready map with stable keys (see docs/INGESTION.md). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("path", path);
        m.put("records", records());
        m.put("records_by_topic", new TreeMap<>(recordsByTopic));
        m.put("dead_letters", deadLetters);
        m.put("skipped", new TreeMap<>(skipped));
        m.put("limited", limited);
        m.put("elapsed_ms", elapsed.toMillis());
        return m;
    }
}
