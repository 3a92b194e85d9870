package medstream.cli.pipeline;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.ingest.Ingest;
import medstream.ingest.IngestReport;
import medstream.ingest.ProgressListener;
import medstream.ingest.SourceReport;

/**
 * {@link DataSetIngester} over module {@code ingest}: {@link Ingest#run} per source, with the run's client
 * configuration (so {@code kafka.*} security settings reach the producer) and progress lines on the console.
 *
 * <p>Summary entry per source: {@code produced} ({@code {"<topic>": n}}, records acknowledged by the
 * broker), {@code records}, {@code dead_letters}, {@code skipped} ({@code {"<reason>": n}}),
 * {@code limited} (stopped by {@code --limit}), {@code path}, {@code wall_time_s}.
 */
public final class IngestModuleIngester implements DataSetIngester {
    @Override
    public List<String> sources() {
        return Ingest.sources().names();
    }

    @Override
    public List<String> sharedSources() {
        return Ingest.sources().sharedDataSets();
    }

    @Override
    public String describe(String source) {
        return Ingest.sources().get(source).description();
    }

    @Override
    public Map<String, Object> ingest(String source, Path path, RunContext ctx) throws Exception {
        Map<String, Object> producerConfig = new HashMap<>(ctx.clientConfig());
        // Ingest.run reads <= 0 as "no limit".
        long limit = ctx.limit().isPresent() ? ctx.limit().getAsInt() : 0;
        IngestReport report = Ingest.run(source, path, ctx.catalog(), producerConfig, limit,
                ProgressListener.printingTo(ctx.out()));
        SourceReport r = report.source(source);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("produced", new java.util.TreeMap<>(r.recordsByTopic()));
        m.put("records", r.records());
        m.put("dead_letters", r.deadLetters());
        m.put("skipped", new java.util.TreeMap<>(r.skipped()));
        m.put("limited", r.limited());
        m.put("path", r.path());
        m.put("wall_time_s", RunSummary.round(r.elapsed().toMillis() / 1000.0));
        return m;
    }
}
