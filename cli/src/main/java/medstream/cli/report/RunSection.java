package medstream.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.cli.report.chart.BarChart;

/** The run itself: steps with wall time and throughput, where it ran, the effective configuration and versions. */
final class RunSection implements ReportSection {
    @Override
    public String id() { return "run"; }

    @Override
    public String title() { return "The run"; }

    @Override
    public void write(Html html, ReportData data) {
        JsonNode s = data.summary();
        html.table(List.of("status", "started", "finished", "wall time", "limit", "broker", "schema registry", "data"),
                List.of(List.of(Json.text(s.get("status"), "?"), Json.text(s.get("started_at"), "?"), Json.text(s.get("finished_at"), "?"),
                        Fmt.num(Json.number(s.get("wall_time_s")), 1) + " s", Json.text(s.get("limit"), "all"),
                        Json.text(s.get("bootstrap"), "?"), Json.text(s.get("registry"), "?"), Json.text(s.get("data_dir"), "?"))));
        if (s.has("error")) html.element("p", "Error: " + s.get("error").asText(), "class", "error");
        steps(html, s);
        keyValues(html, "Effective configuration", s.path("configuration"), "value (secrets masked)");
        keyValues(html, "Versions", s.path("versions"), "version");
    }

    private static void keyValues(Html html, String heading, JsonNode object, String valueHeader) {
        html.element("h3", heading);
        if (!object.isObject() || object.isEmpty()) {
            html.missing("Not recorded: this summary has no " + heading.toLowerCase(Locale.ROOT) + ".");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        object.fields().forEachRemaining(e -> rows.add(List.of(e.getKey(), e.getValue().asText())));
        html.table(List.of("key", valueHeader), rows);
    }

    private static void steps(Html html, JsonNode s) {
        html.element("h3", "Steps");
        List<String> names = Json.names(s.path("steps"));
        if (names.isEmpty()) {
            html.missing("No step ran.");
            return;
        }
        Map<String, Long> seconds = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (String name : names) {
            JsonNode step = s.path("steps").path(name);
            double wall = Json.number(step.get("wall_time_s"));
            seconds.put(name, Math.round(wall));
            rows.add(List.of(name, Json.text(step.get("status"), "?"), Fmt.num(wall, 1), throughput(name, s, wall)));
        }
        ReportSection.figure(html, new BarChart("step-wall-times", "Wall time per step", "seconds", names)
                .series("", names.stream().mapToDouble(n -> Json.number(s.path("steps").path(n).get("wall_time_s"))).map(v -> Double.isFinite(v) ? v : 0).toArray()));
        html.table(List.of("step", "status", "seconds", "throughput"), rows);
    }

    /** What each step moved per second, from the figures the summary has (empty when it has none). */
    static String throughput(String step, JsonNode s, double seconds) {
        if (!(seconds > 0)) return "–";
        long n;
        String unit;
        switch (step) {
            case "ingest" -> {
                n = 0;
                for (JsonNode source : s.path("ingest")) n += source.path("records").asLong();
                unit = "records/s ingested";
            }
            case "curate" -> {
                n = 0;
                for (JsonNode stage : s.path("stages")) n += stage.path("records").asLong();
                unit = "stage records/s";
            }
            case "train" -> {
                n = 0;
                for (JsonNode stage : s.path("training").path("stages")) n += stage.path("tokensSeen").asLong();
                unit = "tokens/s trained";
            }
            case "label" -> {
                n = s.path("labels").path("results").asLong();
                unit = "labels/s";
            }
            case "count" -> {
                n = Json.sum(Json.counts(s.path("topics")));
                unit = "records/s counted";
            }
            default -> {
                return "–";
            }
        }
        return n == 0 ? "–" : Fmt.num(n / seconds, 1) + " " + unit;
    }
}
