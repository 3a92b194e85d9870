package medstream.ingest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of an ingestion run: one {@link SourceReport} per source, totals per topic, dead letters and
 * skipped entries. {@link #format()} is what a person reads; {@link #toMap()} what summary.json holds.
 *
 * @param sources the sources ingested, in order
 * @param missing shared data sets whose folder was not found (ingestAll only)
 * @param elapsed wall time of the whole run
 */
public record IngestReport(List<SourceReport> sources, List<String> missing, Duration elapsed) {
    public IngestReport {
        sources = List.copyOf(sources);
        missing = List.copyOf(missing);
    }

    /** Records per logical topic over all sources. */
    public Map<String, Long> recordsByTopic() {
        Map<String, Long> m = new TreeMap<>();
        sources.forEach(s -> s.recordsByTopic().forEach((t, n) -> m.merge(t, n, Long::sum)));
        return m;
    }

    /** Records over all sources and topics. */
    public long records() {
        return sources.stream().mapToLong(SourceReport::records).sum();
    }

    /** Dead letters over all sources. */
    public long deadLetters() {
        return sources.stream().mapToLong(SourceReport::deadLetters).sum();
    }

    /** Skipped entries by reason over all sources. */
    public Map<String, Long> skipped() {
        Map<String, Long> m = new TreeMap<>();
        sources.forEach(s -> s.skipped().forEach((r, n) -> m.merge(r, n, Long::sum)));
        return m;
    }

    /** The report of one source. */
    public SourceReport source(String name) {
        return sources.stream().filter(s -> s.source().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source '" + name + "' in this report"));
    }

    /** A JSON-ready map with stable keys (see docs/INGESTION.md). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", records());
        m.put("records_by_topic", recordsByTopic());
        m.put("dead_letters", deadLetters());
        m.put("skipped", skipped());
        m.put("missing_sources", missing);
        m.put("elapsed_ms", elapsed.toMillis());
        m.put("sources", sources.stream().map(SourceReport::toMap).toList());
        return m;
    }

    /** A table for people: one row per source, then the totals. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-26s %9s  %-58s %6s %8s %9s%n", "source", "records", "by topic", "dlq",
                "skipped", "rec/s"));
        for (SourceReport s : sources) {
            b.append(String.format(Locale.ROOT, "%-26s %,9d  %-58s %6d %8d %,9.0f%n", s.source(), s.records(),
                    compact(s.recordsByTopic()), s.deadLetters(), s.skippedTotal(), s.rate()));
        }
        b.append(String.format(Locale.ROOT, "%-26s %,9d  %-58s %6d %8d   (%.1f s)%n", "total", records(),
                compact(recordsByTopic()), deadLetters(), skipped().values().stream().mapToLong(Long::longValue).sum(),
                elapsed.toMillis() / 1000.0));
        if (!skipped().isEmpty()) {
            b.append("skipped: ").append(skipped()).append('\n');
        }
        if (!missing.isEmpty()) {
            b.append("missing data sets (not ingested): ").append(String.join(", ", missing)).append('\n');
        }
        return b.toString();
    }

    private static String compact(Map<String, Long> byTopic) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(byTopic).forEach((t, n) -> {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(t.startsWith("raw.") ? t.substring(4) : t).append('=').append(n);
        });
        return b.toString();
    }
}
