package medstream.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/** What an adapter's stream holds, counted: records by type, distinct keys, failures, skips by reason. */
public final class Tally {
    public final Map<String, Long> recordsByType = new TreeMap<>();
    public final Map<String, Long> skipped = new TreeMap<>();
    public final Set<String> keys = new HashSet<>();
    public final List<SpecificRecord> records = new ArrayList<>();
    public final List<Entry.Produce> entries = new ArrayList<>();
    public final List<Entry.Failure> failures = new ArrayList<>();
    public long produced;

    public static Tally of(SourceAdapter adapter, Path path) throws IOException {
        try (Stream<Entry> entries = adapter.read(path)) {
            return of(entries);
        }
    }

    public static Tally of(Stream<Entry> entries) {
        Tally t = new Tally();
        entries.forEach(e -> {
            if (e instanceof Entry.Produce p) {
                t.produced++;
                t.recordsByType.merge(p.value().getClass().getSimpleName(), 1L, Long::sum);
                t.keys.add(p.value().getClass().getSimpleName() + "|" + p.key());
                t.records.add(p.value());
                t.entries.add(p);
            } else if (e instanceof Entry.Failure f) {
                t.failures.add(f);
            } else if (e instanceof Entry.Skip s) {
                t.skipped.merge(s.reason(), 1L, Long::sum);
            }
        });
        return t;
    }

    /** Records produced from one file (origin file name ending with {@code suffix}). */
    public long fromFile(String suffix) {
        return entries.stream().filter(e -> e.origin().file().endsWith(suffix)).count();
    }

    public long count(Class<?> type) {
        return recordsByType.getOrDefault(type.getSimpleName(), 0L);
    }

    public <T> List<T> records(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String toString() {
        return "records " + recordsByType + ", distinct keys " + keys.size() + ", failures " + failures.size()
                + ", skipped " + skipped;
    }
}
