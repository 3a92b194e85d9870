package medstream.cli.report;

import static medstream.cli.report.ReportSection.countsChart;
import static medstream.cli.report.ReportSection.figure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import medstream.cli.report.chart.BarChart;

/**
 * The data card: what went in (records per data set and raw topic), what was thrown out and why (dead letters,
 * rejects of both curation apps, duplicates, decontamination) and what came out (languages and tokens per stage topic).
 */
final class DataCardSection implements ReportSection {
    @Override
    public String id() { return "data-card"; }

    @Override
    public String title() { return "Data card"; }

    @Override
    public void write(Html html, ReportData data) {
        ingest(html, data.section("ingest"));
        countsChart(html, "topic-records", "Records per topic (read_committed)", "records", Json.counts(data.section("topics")),
                "No topic counts: the count step did not run.");
        deadLetters(html, data.section("dlq"));
        rejects(html, data.section("rejects"));
        JsonNode card = data.section("data_card");
        dedup(html, card.path("dedup"));
        languages(html, card.path("languages"));
        tokens(html, card.path("approx_tokens"), data.section("training").path("stages"));
        decontamination(html, card.path("decontamination"));
    }

    private static void ingest(Html html, JsonNode ingest) {
        html.element("h3", "Records per data set and raw topic");
        List<String> sources = Json.names(ingest);
        if (sources.isEmpty()) {
            html.missing("No ingestion figures: the ingest step did not run.");
            return;
        }
        Set<String> topics = new TreeSet<>();
        ingest.forEach(s -> topics.addAll(Json.names(s.path("produced"))));
        BarChart chart = new BarChart("ingest-by-source", "Records produced per data set, by raw topic", "records", sources);
        for (String topic : topics) {
            double[] v = new double[sources.size()];
            for (int i = 0; i < v.length; i++) v[i] = ingest.path(sources.get(i)).path("produced").path(topic).asLong();
            chart.series(topic, v);
        }
        figure(html, chart);
        List<List<String>> rows = new ArrayList<>();
        for (String source : sources) {
            JsonNode s = ingest.path(source);
            Map<String, Long> skipped = Json.counts(s.path("skipped"));
            rows.add(List.of(source, Fmt.count(s.path("records").asLong()), Fmt.count(s.path("dead_letters").asLong()),
                    skipped.isEmpty() ? "–" : skipped.toString(), s.path("limited").asBoolean() ? "yes" : "no",
                    Fmt.num(Json.number(s.get("wall_time_s")), 1)));
        }
        html.table(List.of("data set", "records", "dead letters", "skipped", "stopped by --limit", "seconds"), rows);
    }

    private static void deadLetters(Html html, JsonNode dlq) {
        breakdown(html, dlq, "Dead letters", "No dead-letter counts: the count step did not run.",
                "Records that could not be read or trained on: " + Fmt.count(dlq.path("total").asLong()) + " in all.", "dead letters",
                "dlq-by-service", "service", "by_service", "dlq-by-error-class", "error class", "by_error_class");
    }

    private static void rejects(Html html, JsonNode rejects) {
        breakdown(html, rejects, "Rejects", "No reject counts: the curation step did not run.",
                "Records the cleaning and knowledge apps read and chose not to keep: " + Fmt.count(rejects.path("total").asLong()) + ".", "documents",
                "rejects-by-reason", "reason", "by_reason", "rejects-by-filter", "filter", "by_filter");
    }

    /** A total with two breakdowns of it ({@code {"total", "<key1>": {...}, "<key2>": {...}}}), each as a bar chart. */
    private static void breakdown(Html html, JsonNode node, String heading, String whenMissing, String intro, String unit,
                                  String... chartIdByKey) {
        html.element("h3", heading);
        if (node.isMissingNode()) {
            html.missing(whenMissing);
            return;
        }
        html.element("p", intro);
        for (int i = 0; i < chartIdByKey.length; i += 3) {
            countsChart(html, chartIdByKey[i], heading + " by " + chartIdByKey[i + 1], unit, Json.counts(node.path(chartIdByKey[i + 2])),
                    i == 0 ? "None." : null);
        }
    }

    private static void dedup(Html html, JsonNode dedup) {
        html.element("h3", "Deduplication");
        if (dedup.isMissingNode()) {
            html.missing("Not recorded: this summary has no data_card.dedup (written by the count step since the report was added).");
            return;
        }
        html.table(List.of("documents into cleaning", "exact duplicates", "near duplicates", "dedup rate"),
                List.of(List.of(Fmt.count(dedup.path("documents_in").asLong()), Fmt.count(dedup.path("exact_duplicates").asLong()),
                        Fmt.count(dedup.path("near_duplicates").asLong()), Fmt.percent(Json.number(dedup.get("rate"))))));
    }

    private static void languages(Html html, JsonNode languages) {
        html.element("h3", "Language mix");
        List<String> topics = Json.names(languages);
        if (topics.isEmpty()) {
            html.missing("Not recorded: this summary has no data_card.languages.");
            return;
        }
        Set<String> codes = new LinkedHashSet<>();
        languages.forEach(t -> codes.addAll(Json.names(t)));
        BarChart chart = new BarChart("language-mix", "Records per topic by language", "records", topics);
        for (String code : codes) {
            double[] v = new double[topics.size()];
            for (int i = 0; i < v.length; i++) v[i] = languages.path(topics.get(i)).path(code).asLong();
            chart.series(code, v);
        }
        figure(html, chart);
    }

    private static void tokens(Html html, JsonNode approx, JsonNode stages) {
        html.element("h3", "Tokens per stage topic");
        Map<String, Long> perTopic = Json.counts(approx);
        if (perTopic.isEmpty()) {
            html.missing("Not recorded: this summary has no data_card.approx_tokens.");
        } else {
            countsChart(html, "tokens-per-topic", "Approximate tokens per stage topic (words and CJK characters)", "tokens", perTopic, null);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode s : stages) {
            rows.add(List.of("stage " + s.path("stage").asInt(), Fmt.count(s.path("newTokens").asLong()), Fmt.count(s.path("tokensSeen").asLong())));
        }
        if (!rows.isEmpty()) {
            html.element("p", "Tokens the model's tokenizer counted while training (new records, and with replay):");
            html.table(List.of("stage", "new tokens trained", "tokens trained incl. replay"), rows);
        }
    }

    private static void decontamination(Html html, JsonNode decon) {
        html.element("h3", "Decontamination");
        if (decon.isMissingNode()) {
            html.missing("Not recorded: this summary has no data_card.decontamination.");
            return;
        }
        html.table(List.of("cleaning: documents rejected", "knowledge: stage records held back", "total hits"),
                List.of(List.of(Fmt.count(decon.path("cleaning").asLong()), Fmt.count(decon.path("knowledge").asLong()),
                        Fmt.count(decon.path("total").asLong()))));
    }
}
