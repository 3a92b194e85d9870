package medstream.cli.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ingests data sets, one after another, each from {@code <data dir>/<source>} unless a path is given.
 * Summary section {@code ingest}: {@code {"<source>": {counts from the ingester}}}.
 */
public final class IngestStep implements PipelineStep {
    private final DataSetIngester ingester;
    private final List<String> sources;
    private final Path explicitPath;
    private final boolean skipMissing;

    /** Every shared data set the ingester knows, each from its folder of the data directory. */
    public static IngestStep all(DataSetIngester ingester) {
        return new IngestStep(ingester, ingester.sharedSources(), null);
    }

    /**
     * @param sources      source names to ingest, in order
     * @param explicitPath a path to read instead of {@code <data dir>/<source>} (one source only), or null
     */
    public IngestStep(DataSetIngester ingester, List<String> sources, Path explicitPath) {
        this(ingester, sources, explicitPath, false);
    }

    /**
     * The shared data sets found in the data directory ({@code ingest --source all}): one that is not there is skipped
     * with a line saying so (summary entry {@code {"skipped": "not found at <path>"}}); none there at all is an error.
     */
    public static IngestStep existingShared(DataSetIngester ingester) {
        return new IngestStep(ingester, ingester.sharedSources(), null, true);
    }

    private IngestStep(DataSetIngester ingester, List<String> sources, Path explicitPath, boolean skipMissing) {
        for (String s : sources) {
            if (!ingester.sources().contains(s)) {
                throw new IllegalArgumentException("Unknown source '" + s + "'; known sources: " + ingester.sources());
            }
        }
        if (explicitPath != null && sources.size() != 1) {
            throw new IllegalArgumentException("A path can only be given with exactly one --source, got " + sources);
        }
        this.ingester = ingester;
        this.sources = List.copyOf(sources);
        this.explicitPath = explicitPath;
        this.skipMissing = skipMissing;
    }

    @Override
    public String name() { return "ingest"; }

    @Override
    public void run(RunContext ctx) throws Exception {
        Map<String, Object> section = ctx.summary().section("ingest");
        int i = 0;
        int ingested = 0;
        for (String source : sources) {
            i++;
            Path path = explicitPath != null ? explicitPath : ctx.dataDir().resolve(source);
            if (!Files.exists(path) && skipMissing) {
                ctx.out().printf("  [%d/%d] %s skipped: not found at %s%n", i, sources.size(), source, path);
                section.put(source, Map.of("skipped", "not found at " + path));
                continue;
            }
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("Data set " + source + " not found at " + path
                        + ": pass --data <dir holding the shared data sets> or a path after --source");
            }
            ctx.out().printf("  [%d/%d] %s from %s%s%n", i, sources.size(), source, path,
                    ctx.limit().isPresent() ? " (limit " + ctx.limit().getAsInt() + ")" : "");
            long t0 = System.nanoTime();
            Map<String, Object> counts = new LinkedHashMap<>(ingester.ingest(source, path, ctx));
            counts.putIfAbsent("wall_time_s", RunSummary.round((System.nanoTime() - t0) / 1e9));
            section.put(source, counts);
            ingested++;
        }
        if (ingested == 0 && !sources.isEmpty()) {
            throw new IllegalArgumentException("None of the data sets " + sources + " is in " + ctx.dataDir()
                    + ": pass --data <dir holding the shared data sets>");
        }
    }
}
