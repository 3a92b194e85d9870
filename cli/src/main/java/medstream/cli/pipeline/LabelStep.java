package medstream.cli.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.Calibration;
import medstream.labeler.calibration.CalibrationConfig;
import medstream.labeler.eval.StrategyMetrics;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.service.LabelerService;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.TopicCounter;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Runs the labeler service (the same exactly-once Kafka consumer a deployment runs) on every PQA-U
 * request once stage 3 has published a model: the service follows {@code model.versions} and loads the
 * newest stage-3 version itself. Waits until the request topic is consumed, then writes every committed
 * result to {@code <out>/labels.jsonl} in the offline command's line format.
 *
 * <p>Summary section {@code labels}: {@code {"requests", "results", "by_label", "by_decision",
 * "by_model_version", "confidence_histogram": {"bins": [lower edges], "counts": [...]}, "calibration": {version:
 * {"reached", "threshold", "items", "overall_accuracy", "accepted", "accepted_accuracy", ...}}, "plot":
 * "<out>/plots/label-confidence.png" (confidence histogram stacked by decision), "coverage_curves": {version: [{coverage, n,
 * accuracy, min_confidence}]} (accuracy of the most confident share of the calibration items), "wall_time_s"}}.
 * With calibration on (the default) each model version earns its ACCEPT threshold on the held-out PubMedQA dev
 * items; a version that earns none labels everything REVIEW, so a model at chance level feeds no pseudo labels back.
 */
public final class LabelStep implements PipelineStep {
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final int BINS = 10;

    @Override
    public String name() { return "label"; }

    @Override
    public void run(RunContext ctx) throws Exception {
        TopicCatalog catalog = ctx.catalog();
        Map<String, Object> section = ctx.summary().section("labels");
        long requests;
        try (TopicCounter counter = new TopicCounter(ctx.clientConfig(), Duration.ofMinutes(2))) {
            requests = counter.count(catalog.labelRequests());
            if (counter.count(catalog.modelVersions()) == 0) {
                section.put("skipped", "no model version was published, so there is no model to label with");
                ctx.out().println("    no model version published: labeling skipped");
                return;
            }
        }
        section.put("requests", requests);
        LabelerConfig config = LabelerConfig.from(ctx.settings());
        CalibrationConfig calibration = CalibrationConfig.from(ctx.settings());
        long t0 = System.nanoTime();
        try (LabelerService service = new LabelerService(config, calibration, catalog, ctx.bootstrapServers(), DjlLabelingModel::load)) {
            service.start();
            ctx.out().printf(Locale.ROOT, "    labeler started (strategy %s, %s), %,d requests%n", config.strategy(),
                    calibration.enabled() ? String.format(Locale.ROOT, "threshold calibrated per model version on %s/%s, target %.2f",
                            calibration.benchmark(), calibration.split(), calibration.targetAccuracy())
                            : String.format(Locale.ROOT, "fixed threshold %.2f", config.threshold()), requests);
            ProgressLine progress = new ProgressLine(ctx.out(), "label requests", -1);
            // Wait on what the service committed, not on consumer lag: label.requests is written in
            // transactions, so each partition ends in a commit marker that no consumer "consumes" and
            // end-offset lag never reaches zero.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (service.stats().committedRecords() < requests) {
                if (!service.isHealthy()) throw new IllegalStateException("The labeler service is unhealthy: " + service.stats().asMap());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Labeling did not finish within " + TIMEOUT + ": " + service.stats().asMap());
                }
                progress.remaining(requests - service.stats().committedRecords());
                Thread.sleep(500); // polling the service's counters; it works on its own threads
            }
            progress.done();
            Map<String, Object> calibrations = new TreeMap<>();
            for (Calibration c : service.calibrations().all().values()) {
                calibrations.put(c.modelVersion(), c.toMap());
                ctx.out().printf(Locale.ROOT, "    calibration of %s: %s%n", c.modelVersion(), c.describe());
            }
            section.put("calibration", calibration.enabled() ? calibrations : "off (fixed threshold " + config.threshold() + ")");
            section.put("coverage_curves", coverageCurves(service.calibrations().coverageCurves()));
        }
        section.put("wall_time_s", RunSummary.round((System.nanoTime() - t0) / 1e9));
        writeResults(ctx, section);
    }

    /** {version: [{coverage, n, accuracy, min_confidence}]}: what each ACCEPT threshold would buy on the calibration items. */
    static Map<String, Object> coverageCurves(Map<String, List<StrategyMetrics.CoveragePoint>> curves) {
        Map<String, Object> out = new TreeMap<>();
        curves.forEach((version, points) -> out.put(version, points.stream().map(StrategyMetrics.CoveragePoint::toMap).toList()));
        return out;
    }

    private static void writeResults(RunContext ctx, Map<String, Object> section) throws Exception {
        TopicCatalog catalog = ctx.catalog();
        Map<String, LabelResult> latest = new LinkedHashMap<>();
        Deserializer<LabelResult> values = catalog.labelResults().valueSerde().deserializer();
        try (TopicCounter counter = new TopicCounter(ctx.clientConfig(), Duration.ofMinutes(2))) {
            counter.scan(catalog.labelResults().name(), r -> {
                if (r.value() == null) return;
                LabelResult result = values.deserialize(catalog.labelResults().name(), r.value());
                latest.put(result.getRequestId() + "@" + result.getModelVersion(), result);
            });
        }
        Map<String, Long> byLabel = new TreeMap<>();
        Map<String, Long> byDecision = new TreeMap<>();
        Map<String, Long> byVersion = new TreeMap<>();
        long[] histogram = new long[BINS];
        Map<String, long[]> byDecisionHistogram = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(ctx.outDir());
        Path file = ctx.outDir().resolve("labels.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LabelResult r : latest.values()) {
                ObjectNode line = json.createObjectNode()
                        .put("id", r.getRequestId())
                        .put("label", r.getLabel().isEmpty() ? null : r.getLabel())
                        .put("confidence", r.getConfidence())
                        .put("decision", r.getDecision().name())
                        .put("strategy", r.getStrategy())
                        .put("model_version", r.getModelVersion());
                if (r.getReason() != null) line.put("reason", r.getReason());
                w.write(json.writeValueAsString(line));
                w.newLine();
                byLabel.merge(r.getLabel().isEmpty() ? "none" : r.getLabel(), 1L, Long::sum);
                byDecision.merge(r.getDecision().name(), 1L, Long::sum);
                byVersion.merge(r.getModelVersion(), 1L, Long::sum);
                int bin = Math.min(BINS - 1, (int) Math.floor(r.getConfidence() * BINS));
                histogram[bin]++;
                byDecisionHistogram.computeIfAbsent(r.getDecision().name(), d -> new long[BINS])[bin]++;
            }
        }
        double[] edges = new double[BINS];
        for (int i = 0; i < BINS; i++) edges[i] = (double) i / BINS;
        section.put("results", latest.size());
        section.put("file", file.toString());
        section.put("by_label", byLabel);
        section.put("by_decision", byDecision);
        section.put("by_model_version", byVersion);
        section.put("confidence_histogram", Map.of("bins", edges, "counts", histogram));
        if (!latest.isEmpty()) {
            Path plot = ctx.outDir().resolve("plots").resolve("label-confidence.png");
            RunCharts.labelConfidence(byDecisionHistogram, plot);
            section.put("plot", plot.toString());
        }
        ctx.out().printf(Locale.ROOT, "    %,d labels -> %s; labels %s, decisions %s%n", latest.size(), file, byLabel, byDecision);
    }
}
