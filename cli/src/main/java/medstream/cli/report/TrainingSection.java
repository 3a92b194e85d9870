package medstream.cli.report;

import static medstream.cli.report.ReportSection.figure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import medstream.cli.report.chart.BarChart;
import medstream.cli.report.chart.LineChart;
import medstream.cli.report.chart.Palette;

/**
 * Training: what each stage did, the loss of every version's round, accuracy per version on every benchmark with
 * the majority-class line (the paper's stage-by-stage figure), throughput and the offsets each version covers.
 */
final class TrainingSection implements ReportSection {
    @Override
    public String id() { return "training"; }

    @Override
    public String title() { return "Training"; }

    @Override
    public void write(Html html, ReportData data) {
        JsonNode training = data.section("training");
        if (training.isMissingNode()) {
            html.missing("No training figures: the train step did not run or failed before reporting.");
        } else {
            stages(html, training);
        }
        lossCurves(html, data.checkpoints());
        accuracy(html, training.path("evals"));
        versions(html, training.path("versions"), data.checkpoints());
    }

    private static void stages(Html html, JsonNode training) {
        html.element("p", "Preset " + Json.text(training.get("preset"), "?") + ", " + Fmt.num(Json.number(training.get("seconds")), 0)
                + " s of training.");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode s : training.path("stages")) {
            rows.add(List.of(String.valueOf(s.path("stage").asInt()), Json.text(s.get("stop"), ""), String.valueOf(s.path("versions").asInt()),
                    Fmt.count(s.path("records").asLong()), Fmt.count(s.path("newTokens").asLong()), Fmt.count(s.path("deadLetters").asLong()),
                    Fmt.num(Json.number(s.get("finalLoss")), 3), Fmt.num(Json.number(s.get("seconds")), 1), Json.text(s.get("note"), "")));
        }
        html.table(List.of("stage", "stopped by", "versions", "records", "new tokens", "dead letters", "final loss", "seconds", "note"), rows);
    }

    private static void lossCurves(Html html, List<VersionCheckpoint> checkpoints) {
        html.element("h3", "Loss per stage and version");
        Map<Integer, List<VersionCheckpoint>> byStage = new LinkedHashMap<>();
        checkpoints.stream().filter(c -> !c.loss().isEmpty()).forEach(c -> byStage.computeIfAbsent(c.stage(), s -> new ArrayList<>()).add(c));
        if (byStage.isEmpty()) {
            html.missing("No loss curves: no checkpoint with a recorded loss was found under checkpoints/.");
            return;
        }
        byStage.forEach((stage, versions) -> {
            LineChart chart = new LineChart("loss-stage" + stage, "Stage " + stage + " training loss", "step", "loss");
            for (int i = 0; i < versions.size(); i++) chart.series(versions.get(i).version(), versions.get(i).loss(), Palette.colour(i), false);
            figure(html, chart);
        });
    }

    private static void accuracy(Html html, JsonNode evals) {
        html.element("h3", "Accuracy per model version");
        if (evals.isEmpty()) {
            html.missing("No evaluations were recorded.");
            return;
        }
        Set<String> versions = new LinkedHashSet<>();
        Set<String> benchmarks = new TreeSet<>();
        evals.forEach(e -> {
            versions.add(e.path("modelVersion").asText());
            benchmarks.add(e.path("benchmark").asText());
        });
        List<String> order = List.copyOf(versions);
        LineChart chart = new LineChart("accuracy-by-version", "Accuracy by model version (stage 1 → 2 → 3), dashed: majority class",
                "model version", "accuracy").categories(order).yRange(0, 1)
                .groups(order.stream().map(v -> "stage " + VersionCheckpoint.stageOf(v)).toList());
        List<List<String>> rows = new ArrayList<>();
        int colour = 0;
        for (String benchmark : benchmarks) {
            List<double[]> acc = new ArrayList<>();
            List<double[]> majority = new ArrayList<>();
            String n = "";
            for (JsonNode e : evals) {
                if (!e.path("benchmark").asText().equals(benchmark)) continue;
                double x = order.indexOf(e.path("modelVersion").asText());
                acc.add(new double[] {x, Json.number(e.get("accuracy"))});
                majority.add(new double[] {x, majorityShare(e)});
                n = "n=" + e.path("n").asInt();
                rows.add(List.of(e.path("modelVersion").asText(), benchmark, String.valueOf(e.path("n").asInt()),
                        Fmt.num(Json.number(e.get("accuracy")), 3), Fmt.num(majorityShare(e), 3)));
            }
            chart.series(benchmark + " (" + n + ")", acc, Palette.colour(colour), false);
            chart.series(benchmark + " majority", majority, Palette.colour(colour), true);
            colour++;
        }
        figure(html, chart);
        html.raw("<details><summary>Every evaluation</summary>\n");
        html.table(List.of("model version", "benchmark", "items", "accuracy", "majority class"), rows);
        html.raw("</details>\n");
    }

    /** The share of the most frequent gold class: what always answering it would score. */
    static double majorityShare(JsonNode eval) {
        long most = 0;
        var fields = eval.path("perClass").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (f.getKey().startsWith("gold:")) most = Math.max(most, f.getValue().asLong());
        }
        int n = eval.path("n").asInt();
        return n == 0 ? Double.NaN : (double) most / n;
    }

    private static void versions(Html html, JsonNode versions, List<VersionCheckpoint> checkpoints) {
        html.element("h3", "Versions: throughput and offsets");
        Map<String, VersionCheckpoint> byVersion = new LinkedHashMap<>();
        checkpoints.forEach(c -> byVersion.put(c.version(), c));
        List<String> names = new ArrayList<>(byVersion.keySet());
        double[] rates = names.stream().mapToDouble(v -> byVersion.get(v).tokensPerSecond()).toArray();
        if (names.isEmpty() || Arrays.stream(rates).noneMatch(Double::isFinite)) {
            html.missing("No throughput: no checkpoint recorded tokens per second.");
        } else {
            figure(html, new BarChart("tokens-per-second", "Training throughput per version (tokens/s, replay included)", "tokens / s", names)
                    .series("", Arrays.stream(rates).map(r -> Double.isFinite(r) ? r : 0).toArray()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode v : versions) {
            VersionCheckpoint c = byVersion.get(v.path("version").asText());
            List<String> ranges = new ArrayList<>();
            v.path("offsetRanges").forEach(r -> ranges.add(r.asText()));
            rows.add(List.of(v.path("version").asText(), Json.text(v.get("parent"), "–"), Fmt.count(v.path("tokensSeen").asLong()),
                    Fmt.num(Json.number(v.get("finalLoss")), 3), c == null ? "–" : Fmt.num(c.tokensPerSecond(), 0),
                    String.join(" ", ranges), c == null ? "–" : c.offsets().toString()));
        }
        if (rows.isEmpty()) {
            html.missing("No model versions were published.");
        } else {
            html.table(List.of("version", "parent", "tokens seen", "final loss", "tokens/s", "offset ranges trained", "checkpoint offsets (resume from)"), rows);
        }
    }
}
