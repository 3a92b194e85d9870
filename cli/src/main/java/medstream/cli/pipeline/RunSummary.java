package medstream.cli.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run leaves behind in {@code <out>/summary.json}: an ordered map of top-level keys and
 * sections that pipeline steps fill in, written in one place ({@link #writeTo(Path)}).
 *
 * <p>The keys are a public contract (README, "summary.json"): people and scripts read them. Add new
 * sections, never rename or repurpose existing keys; a breaking change bumps {@link #SCHEMA_VERSION}.
 * Keys are snake_case; topic keys are catalog logical names ({@code raw.documents}), independent of the
 * configured prefix.
 */
public final class RunSummary {
    /** Version of the summary's layout. */
    public static final int SCHEMA_VERSION = 1;
    /** File name inside the output directory. */
    public static final String FILE_NAME = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Instant startedAt;
    private final Map<String, Object> root = Collections.synchronizedMap(new LinkedHashMap<>());

    /** A summary of a run that started now. */
    public RunSummary() {
        this(Instant.now());
    }

    public RunSummary(Instant startedAt) {
        this.startedAt = startedAt;
        root.put("schema_version", SCHEMA_VERSION);
        root.put("started_at", startedAt.toString());
    }

    public Instant startedAt() { return startedAt; }

    /** Sets a top-level key (a number, string, boolean, list, map or record). */
    public void put(String key, Object value) {
        root.put(key, value);
    }

    /**
     * The named section (a top-level JSON object), created on first use. The returned map is
     * thread-safe and keeps insertion order; steps put their keys into it.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        synchronized (root) {
            Object existing = root.get(name);
            if (existing == null) {
                Map<String, Object> created = Collections.synchronizedMap(new LinkedHashMap<>());
                root.put(name, created);
                return created;
            }
            if (!(existing instanceof Map)) throw new IllegalStateException("summary key '" + name + "' is not a section");
            return (Map<String, Object>) existing;
        }
    }

    /** A top-level value, or null. */
    public Object get(String key) {
        return root.get(key);
    }

    /**
     * Stamps the wall time and the outcome, then writes {@code <outDir>/summary.json} atomically
     * (a temp file moved into place, so a reader never sees half a file).
     *
     * @return the written file
     */
    public Path writeTo(Path outDir) throws IOException {
        root.put("finished_at", Instant.now().toString());
        root.put("wall_time_s", round(Duration.between(startedAt, Instant.now()).toMillis() / 1000.0));
        Files.createDirectories(outDir);
        Path file = outDir.resolve(FILE_NAME);
        Path tmp = outDir.resolve(FILE_NAME + ".tmp");
        synchronized (root) {
            JSON.writeValue(tmp.toFile(), root);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Seconds with millisecond precision, for {@code *_s} keys. */
    public static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
