package medstream.cli.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.LabelResult;
import medstream.labeler.eval.StrategyMetrics;
import medstream.labeler.offline.LabelsFile;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.TopicCounter;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Runs the labeler service (the same exactly-once Kafka consumer a deployment runs) on every PQA-U
 * request once stage 3 has published a model: the service follows {@code model.versions} and loads the
 * newest stage-3 version itself. Waits until the request topic is consumed, then writes every committed
 * result to {@code <out>/labels.jsonl} with the offline command's writer ({@link LabelsFile}).
 *
 * <p>Summary section {@code labels}: {@code {"requests", "results", "by_label", "by_decision",
 * "by_model_version", "confidence_histogram": {"bins": [lower edges], "counts": [...]}, "calibration": {version:
 * {"reached", "threshold", "items", "overall_accuracy", "accepted", "accepted_accuracy", ...}}, "plot":
 * "<out>/plots/label-confidence.png" (confidence histogram stacked by decision), "coverage_curves": {version: [{coverage, n,
 * accuracy, min_confidence}]} (accuracy of the most confident share of the calibration items), "weak_supervision":
 * {version: {lf_set_hash, label_model, model_voters, gold_items, trained_on, out_of_fold_accuracy, items, coverage,
 * voters: [{voter, coverage, overlap, conflict, accuracy, labels}], weights, dev}} (strategy weak only), "wall_time_s"}}.
 * With strategy weak (the default of {@code local}) the calibration items are the out-of-fold predictions over the gold
 * items rather than the 50 dev items.
 * With calibration on (the default) each model version earns its ACCEPT threshold on the held-out PubMedQA dev
 * items; a version that earns none labels everything REVIEW, so a model at chance level feeds no pseudo labels back.
 */
public final class LabelStep implements PipelineStep {
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
        LabelerRun run = LabelerRun.run(ctx, requests, null);
        section.put("calibration", run.calibrations());
        section.put("coverage_curves", run.coverageCurves());
        if (!run.analyses().isEmpty()) section.put("weak_supervision", run.analyses());
        section.put("wall_time_s", run.seconds());
        writeResults(ctx, section);
    }

    /** {version: [{coverage, n, accuracy, min_confidence}]}: what each ACCEPT threshold would buy on the calibration items. */
    static Map<String, Object> coverageCurves(Map<String, List<StrategyMetrics.CoveragePoint>> curves) {
        Map<String, Object> out = new TreeMap<>();
        curves.forEach((version, points) -> out.put(version, points.stream().map(StrategyMetrics.CoveragePoint::toMap).toList()));
        return out;
    }

    /** The latest result of each request in {@code label.results} (what compaction keeps), in first-seen order. */
    static Map<String, LabelResult> latestResults(RunContext ctx) {
        TopicCatalog catalog = ctx.catalog();
        Map<String, LabelResult> latest = new LinkedHashMap<>();
        Deserializer<LabelResult> values = catalog.labelResults().valueSerde().deserializer();
        try (TopicCounter counter = new TopicCounter(ctx.clientConfig(), Duration.ofMinutes(2))) {
            counter.scan(catalog.labelResults().name(), r -> {
                if (r.value() == null) return;
                LabelResult result = values.deserialize(catalog.labelResults().name(), r.value());
                latest.put(result.getRequestId(), result);
            });
        }
        return latest;
    }

    /**
     * Writes {@code labels.jsonl} and the counts from the latest label of each request (the compacted view of
     * {@code label.results}: a request labeled again in a later round keeps only its newest label).
     */
    static void writeResults(RunContext ctx, Map<String, Object> section) throws Exception {
        Map<String, LabelResult> latest = latestResults(ctx);
        Map<String, Long> byLabel = new TreeMap<>();
        Map<String, Long> byDecision = new TreeMap<>();
        Map<String, Long> byVersion = new TreeMap<>();
        Path file = ctx.outDir().resolve("labels.jsonl");
        LabelsFile labels = LabelsFile.create(file);
        try (labels) {
            for (LabelResult r : latest.values()) {
                labels.write(r);
                byLabel.merge(r.getLabel().isEmpty() ? "none" : r.getLabel(), 1L, Long::sum);
                byDecision.merge(r.getDecision().name(), 1L, Long::sum);
                byVersion.merge(r.getModelVersion(), 1L, Long::sum);
            }
        }
        section.put("results", latest.size());
        section.put("file", file.toString());
        section.put("by_label", byLabel);
        section.put("by_decision", byDecision);
        section.put("by_model_version", byVersion);
        section.put("confidence_histogram", Map.of("bins", LabelsFile.binEdges(), "counts", labels.histogram()));
        if (!latest.isEmpty()) {
            Path plot = ctx.outDir().resolve("plots").resolve("label-confidence.png");
            RunCharts.labelConfidence(labels.histogramByDecision(), plot);
            section.put("plot", plot.toString());
        }
        ctx.out().printf(Locale.ROOT, "    %,d labels -> %s; labels %s, decisions %s%n", latest.size(), file, byLabel, byDecision);
    }
}
