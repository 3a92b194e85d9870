package medstream.cli;

import ai.djl.engine.Engine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import medstream.cli.pipeline.Pipeline;
import medstream.cli.pipeline.RunContext;
import medstream.cli.pipeline.RunSummary;
import medstream.cli.report.RunReport;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * What {@code local} and {@code ingest} share: print the effective configuration, open (or start) the
 * broker and registry, build the catalog and {@link RunContext}, run the pipeline, and write
 * {@code summary.json} and {@code report.html} whether the run succeeded or not.
 */
final class PipelineRunner {
    private PipelineRunner() {}

    /**
     * @param writeSummary whether to write {@code <out>/summary.json}
     * @return the exit code: 0 when every step succeeded
     */
    static int run(CommonOptions common, Settings settings, Pipeline pipeline, boolean writeSummary, PrintStream out)
            throws Exception {
        return run(common, settings, List.of(), pipeline, writeSummary, out);
    }

    /**
     * @param stepSettings the steps' own settings (labeler, calibration, loop), printed and recorded after the CLI's
     */
    static int run(CommonOptions common, Settings settings, List<Setting<?>> stepSettings, Pipeline pipeline,
                   boolean writeSummary, PrintStream out) throws Exception {
        common.printEffective(settings, out, stepSettings);
        RunSummary summary = new RunSummary();
        summary.section("configuration").putAll(common.effective(settings));
        summary.section("configuration").putAll(settings.effective(stepSettings));
        summary.section("versions").putAll(versions());
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
                writeReport(outDir, out);
            }
        }
        return 0;
    }

    /**
     * The run report, after the summary it is drawn from; a failed run gets one too (it shows what there is). A
     * report that cannot be drawn is said, not thrown: it must not hide the run's own outcome.
     */
    private static void writeReport(Path outDir, PrintStream out) {
        try {
            out.println("Report: " + RunReport.write(outDir));
        } catch (Exception e) {
            out.println("WARNING: report.html was not written (" + e + "); ./medstream report " + outDir + " tries again");
        }
    }

    /** What produced the run, for the summary's {@code versions}. */
    static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("medstream", Main.VERSION);
        v.put("java", Runtime.version().toString() + " (" + System.getProperty("java.vendor") + ")");
        v.put("kafka_clients", AppInfoParser.getVersion());
        v.put("djl", Engine.getDjlVersion());
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return v;
    }
}
