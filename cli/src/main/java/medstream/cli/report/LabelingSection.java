package medstream.cli.report;

import static medstream.cli.report.ReportSection.figure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import medstream.cli.report.chart.BarChart;
import medstream.cli.report.chart.Histogram;
import medstream.cli.report.chart.LineChart;
import medstream.cli.report.chart.Palette;

/**
 * Labeling: labels by class and routing decision, confidence by decision, each version's calibration and its
 * accuracy-vs-coverage curve on the held-out dev items. Labels are crossed with decisions from labels.jsonl, which
 * the summary only counts one way at a time. With strategy weak: the voters' analysis and the annotation loop's rounds.
 */
final class LabelingSection implements ReportSection {
    private static final int BINS = 10;

    @Override
    public String id() { return "labeling"; }

    @Override
    public String title() { return "Labeling"; }

    @Override
    public void write(Html html, ReportData data) {
        JsonNode labels = data.section("labels");
        if (labels.isMissingNode() || labels.has("skipped")) {
            html.missing("No labeling: " + Json.text(labels.get("skipped"), "the label step did not run."));
            return;
        }
        html.element("p", Fmt.count(labels.path("requests").asLong()) + " label requests, " + Fmt.count(labels.path("results").asLong())
                + " results, " + Fmt.num(Json.number(labels.get("wall_time_s")), 1) + " s.");
        String noLabels = labels.path("requests").asLong() == 0 ? "No labels: this run had no label requests (a --limit run may hold no PQA-U item)."
                : "No labels: none of the " + Fmt.count(labels.path("requests").asLong()) + " requests got one (see the labeler's dead letters in the data card).";
        byClassAndDecision(html, data.labels(), noLabels);
        confidence(html, data.labels(), noLabels);
        calibration(html, labels.path("calibration"));
        coverage(html, labels.path("coverage_curves"));
        LoopTables.voters(html, labels.path("weak_supervision"));
        LoopTables.rounds(html, labels.path("rounds"));
    }

    private static void byClassAndDecision(Html html, List<JsonNode> lines, String noLabels) {
        html.element("h3", "Labels by class and decision");
        if (lines.isEmpty()) {
            html.missing(noLabels);
            return;
        }
        Map<String, Map<String, Long>> byDecision = new TreeMap<>();
        TreeSet<String> classes = new TreeSet<>();
        for (JsonNode l : lines) {
            String label = Json.text(l.get("label"), "none");
            classes.add(label);
            byDecision.computeIfAbsent(Json.text(l.get("decision"), "?"), d -> new TreeMap<>()).merge(label, 1L, Long::sum);
        }
        List<String> order = List.copyOf(classes);
        BarChart chart = new BarChart("labels-by-class", "Labels by class, stacked by routing decision", "labels", order);
        byDecision.forEach((decision, counts) -> chart.series(decision, Json.values(counts, order)));
        figure(html, chart);
    }

    private static void confidence(Html html, List<JsonNode> lines, String noLabels) {
        html.element("h3", "Confidence by decision");
        if (lines.isEmpty()) {
            html.missing(noLabels);
            return;
        }
        Map<String, long[]> byDecision = new TreeMap<>();
        for (JsonNode l : lines) {
            int bin = Math.max(0, Math.min(BINS - 1, (int) Math.floor(l.path("confidence").asDouble() * BINS)));
            byDecision.computeIfAbsent(Json.text(l.get("decision"), "?"), d -> new long[BINS])[bin]++;
        }
        Histogram chart = new Histogram("label-confidence", "Label confidence, stacked by routing decision", "confidence", "labels", 0, 1, BINS);
        byDecision.forEach(chart::series);
        figure(html, chart);
    }

    private static void calibration(Html html, JsonNode calibration) {
        html.element("h3", "Calibration per model version");
        if (calibration.isTextual()) {
            html.element("p", "Calibration " + calibration.asText());
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        calibration.fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            rows.add(List.of(e.getKey(), c.path("reached").asBoolean() ? "yes" : "no", Fmt.num(Json.number(c.get("threshold")), 3),
                    Json.text(c.get("benchmark"), ""), String.valueOf(c.path("items").asInt()), Fmt.num(Json.number(c.get("overall_accuracy")), 3),
                    String.valueOf(c.path("accepted").asInt()), Fmt.num(Json.number(c.get("accepted_accuracy")), 3),
                    Fmt.num(Json.number(c.get("accepted_accuracy_lower_bound")), 3), Fmt.num(Json.number(c.get("target_accuracy")), 2)));
        });
        if (rows.isEmpty()) {
            html.missing("No version was calibrated (no version labeled anything).");
            return;
        }
        html.table(List.of("version", "reached", "ACCEPT threshold", "items from", "items", "overall accuracy", "accepted",
                "accepted accuracy", "lower bound", "target"), rows);
        html.element("p", "A version whose lower bound does not reach the target sends every label to REVIEW.", "class", "hint");
    }

    private static void coverage(Html html, JsonNode curves) {
        html.element("h3", "Accuracy vs coverage on the dev items");
        if (!curves.isObject() || curves.isEmpty()) {
            html.missing("Not recorded: this summary has no labels.coverage_curves (no version was calibrated on dev items).");
            return;
        }
        LineChart chart = new LineChart("accuracy-vs-coverage", "Accuracy of the most confident items vs the share accepted",
                "coverage (share of dev items accepted)", "accuracy").yRange(0, 1);
        int i = 0;
        for (var it = curves.fields(); it.hasNext(); i++) {
            var e = it.next();
            List<double[]> points = new ArrayList<>();
            e.getValue().forEach(p -> points.add(new double[] {p.path("coverage").asDouble(), p.path("accuracy").asDouble()}));
            chart.series(e.getKey(), points, Palette.colour(i), false);
        }
        figure(html, chart);
    }
}
