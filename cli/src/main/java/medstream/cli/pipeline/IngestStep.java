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

    /** Every shared data set the ingester knows, each from its folder of the data directory. */
    public static IngestStep all(DataSetIngester ingester) {
        return new IngestStep(ingester, ingester.sharedSources(), null);
    }

    /**
     * @param sources      source names to ingest, in order
     * @param explicitPath a path to read instead of {@code <data dir>/<source>} (one source only), or null
     */
    public IngestStep(DataSetIngester ingester, List<String> sources, Path explicitPath) {
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
    }

    @Override
    public String name() { return "ingest"; }

    @Override
    public void run(RunContext ctx) throws Exception {
        Map<String, Object> section = ctx.summary().section("ingest");
        int i = 0;
        for (String source : sources) {
            i++;
            Path path = explicitPath != null ? explicitPath : ctx.dataDir().resolve(source);
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
        }
    }
}
