package medstream.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import medstream.cli.pipeline.Pipeline;
import medstream.cli.pipeline.RunContext;
import medstream.cli.pipeline.RunSummary;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;

/**
 * What {@code local} and {@code ingest} share: print the effective configuration, open (or start) the
 * broker and registry, build the catalog and {@link RunContext}, run the pipeline, and write
 * {@code summary.json} whether the run succeeded or not.
 */
final class PipelineRunner {
    private PipelineRunner() {}

    /**
     * @param writeSummary whether to write {@code <out>/summary.json}
     * @return the exit code: 0 when every step succeeded
     */
    static int run(CommonOptions common, Settings settings, Pipeline pipeline, boolean writeSummary, PrintStream out)
            throws Exception {
        common.printEffective(settings, out);
        RunSummary summary = new RunSummary();
        Path outDir = Path.of(settings.get(CliSettings.OUT_DIR)).toAbsolutePath().normalize();
        int limit = settings.get(CliSettings.LIMIT);
        Path dataDir = CliSettings.dataDir(settings);
        summary.put("limit", limit < 0 ? null : limit);
        summary.put("data_dir", dataDir.toString());
        boolean ok = false;
        try (KafkaEnvironment env = KafkaEnvironment.open(settings, out)) {
            summary.put("bootstrap", env.bootstrapServers());
            summary.put("registry", env.registryUrl());
            Map<String, Object> embedded = new LinkedHashMap<>();
            embedded.put("broker", env.embeddedBroker());
            embedded.put("registry", env.embeddedRegistry());
            summary.put("embedded", embedded);
            TopicCatalog catalog = new TopicCatalog(settings.get(CliSettings.TOPIC_PREFIX),
                    settings.get(CliSettings.TOPIC_PARTITIONS), CliSettings.serdeConfig(settings, env.registryUrl()));
            summary.put("topic_prefix", catalog.prefix());
            RunContext ctx = new RunContext(catalog, env.bootstrapServers(), env.registryUrl(), common.clientOverrides(),
                    settings, dataDir, outDir, limit < 0 ? OptionalInt.empty() : OptionalInt.of(limit), summary, out);
            pipeline.run(ctx);
            ok = true;
        } catch (Exception e) {
            summary.put("error", e.toString());
            throw e;
        } finally {
            summary.put("status", ok ? "ok" : "failed");
            if (writeSummary) {
                Path file = summary.writeTo(outDir);
                out.printf(Locale.ROOT, "Summary: %s (%s, %.1f s)%n", file, ok ? "ok" : "FAILED", (Double) summary.get("wall_time_s"));
            }
        }
        return 0;
    }
}
