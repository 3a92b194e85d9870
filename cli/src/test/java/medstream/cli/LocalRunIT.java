package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import medstream.cli.pipeline.IngestModuleIngester;
import medstream.cli.report.RunReport;
import medstream.cli.report.browser.ChromiumForTests;
import medstream.cli.report.browser.HeadlessChromium;
import medstream.cli.report.browser.PageCheck;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./medstream local --limit 50} end to end, in this JVM: a real embedded KRaft broker, the HTTP
 * schema registry, provisioning, ingestion of every shared data set, counting, summary.json. One run
 * for the class; the tests read what it left behind.
 */
class LocalRunIT {
    private static final int LIMIT = 50;
    private static final List<String> RAW_TOPICS =
            List.of("raw.documents", "raw.kg-triplets", "raw.exam-questions", "raw.qa-pairs", "raw.pubmedqa");

    @TempDir
    static Path out;
    static int exitCode;
    static JsonNode summary;

    @BeforeAll
    static void runLocal() throws Exception {
        exitCode = Main.run("local", "--limit", String.valueOf(LIMIT), "--label-rounds", "1", "--out", out.toString(),
                "--data", sharedData().toString());
        Path file = out.resolve("summary.json");
        summary = Files.exists(file) ? new ObjectMapper().readTree(file.toFile()) : null;
    }

    @Test
    void givenSmokeRun_whenItEnds_thenItSucceededAndWroteAVersionedSummaryWithEveryStepOk() {
        assertThat(exitCode).isZero();
        assertThat(summary).as("summary.json").isNotNull();
        assertThat(summary.get("schema_version").asInt()).isEqualTo(1);
        assertThat(summary.get("status").asText()).isEqualTo("ok");
        assertThat(summary.get("limit").asInt()).isEqualTo(LIMIT);
        assertThat(summary.get("wall_time_s").asDouble()).isPositive();
        assertThat(summary.get("bootstrap").asText()).startsWith("127.0.0.1:");
        assertThat(summary.get("registry").asText()).startsWith("http://127.0.0.1:");
        assertThat(fieldNames(summary.get("steps"))).containsExactly("provision", "ingest", "curate", "train", "label", "label-loop", "count");
        summary.get("steps").forEach(step -> assertThat(step.get("status").asText()).isEqualTo("ok"));
    }

    @Test
    void givenSmokeRun_whenReadingTopicCounts_thenEveryCatalogTopicIsListedAndEveryRawTopicHasRecords() {
        List<String> catalogTopics = TopicCatalog.withRegistry("mock://names").all().stream().map(Topic::logicalName).toList();

        assertThat(fieldNames(summary.get("topics"))).containsExactlyElementsOf(catalogTopics);
        for (String raw : RAW_TOPICS) assertThat(summary.get("topics").get(raw).asLong()).as(raw).isPositive();
    }

    @Test
    void givenSmokeRun_whenReadingIngestCounts_thenEverySharedSourceWasIngestedAndTopicCountsMatchWhatWasProduced() {
        JsonNode ingest = summary.get("ingest");
        assertThat(fieldNames(ingest)).containsExactlyInAnyOrderElementsOf(new IngestModuleIngester().sharedSources());

        Map<String, Long> producedPerTopic = new HashMap<>();
        ingest.forEach(source -> source.get("produced").fields()
                .forEachRemaining(e -> producedPerTopic.merge(e.getKey(), e.getValue().asLong(), Long::sum)));
        for (String raw : RAW_TOPICS) {
            assertThat(summary.get("topics").get(raw).asLong()).as("read_committed count of " + raw)
                    .isEqualTo(producedPerTopic.getOrDefault(raw, 0L));
        }
    }

    @Test
    void givenSmokeRun_whenReadingTheDlqSection_thenItHasTotalAndBreakdownsThatAddUp() {
        JsonNode dlq = summary.get("dlq");
        assertThat(dlq).isNotNull();
        long total = dlq.get("total").asLong();
        assertThat(sum(dlq.get("by_service"))).isEqualTo(total);
        assertThat(sum(dlq.get("by_error_class"))).isEqualTo(total);
        assertThat(summary.get("topics").get("dlq").asLong()).isEqualTo(total);
    }

    @Test
    void givenSmokeRun_whenItEnds_thenTheEvaluationCurveAndTheLabelChartAreDrawnWhereTheSummarySays() {
        JsonNode labels = summary.get("labels");
        JsonNode training = summary.get("training");

        assertThat(Path.of(training.get("eval_plot").asText())).isRegularFile().hasFileName("eval-by-version.png");
        // The smoke run's 50 PubMedQA records are all labeled ones, so it may have no PQA-U request to label; the
        // label chart is drawn exactly when there are labels (RunChartsTest draws one from known counts).
        if (labels.get("results").asLong() > 0) {
            assertThat(Path.of(labels.get("plot").asText())).isRegularFile().hasFileName("label-confidence.png");
        } else {
            assertThat(labels.has("plot")).isFalse();
        }
        assertThat(labels.get("calibration").isObject()).as("calibration reported per version").isTrue();
        assertThat(sum(labels.get("by_decision"))).isEqualTo(labels.get("results").asLong());
    }

    @Test
    void givenSmokeRun_whenItEnds_thenWeakLabeledWithModelVotersCalibratedOutOfFoldAndTheLoopRecordedEachRound() {
        JsonNode labels = summary.get("labels");
        JsonNode rounds = labels.get("rounds");

        // The default path: strategy weak, ppl and long-answer voting beside the rules, calibrated on the out-of-fold
        // predictions over the 500 PQA-L trainval items (not the 50 dev items). The version is calibrated even when the
        // smoke run's 50 PubMedQA records hold no PQA-U request.
        assertThat(summary.get("configuration").get("medstream.labeler.strategy").asText()).isEqualTo("weak");
        assertThat(summary.get("configuration").get("medstream.labeler.weak.model-voters").asText()).isEqualTo("ppl,long-answer");
        JsonNode weak = labels.get("weak_supervision");
        assertThat(weak).as("labels.weak_supervision").isNotNull();
        assertThat(weak.size()).as("one analysis per labeling version").isPositive();
        weak.forEach(a -> {
            assertThat(a.get("items").asInt()).isEqualTo(500);
            assertThat(a.get("voters").findValuesAsText("voter")).contains("negated_verb", "ppl", "long-answer");
            assertThat(fieldNames(a.get("weights").get("weights"))).contains("ppl", "long-answer");
            assertThat(a.get("dev").get("items").asInt()).isEqualTo(50);
        });
        labels.get("calibration").forEach(c -> {
            assertThat(c.get("benchmark").asText()).isEqualTo("gold/out-of-fold");
            assertThat(c.get("items").asInt()).isEqualTo(500);
            assertThat(c.has("coverage")).isTrue();
        });
        // With --label-rounds 1: round 0 always; round 1 only if round 0 ACCEPTed something (a 50-record run may not),
        // and then it names the new version and its parent.
        assertThat(rounds.isArray()).isTrue();
        assertThat(rounds.get(0).get("round").asInt()).isZero();
        assertThat(rounds.get(0).get("model_version").asText()).startsWith("s3-");
        if (rounds.get(0).get("accepted").asLong() == 0) {
            assertThat(rounds).hasSize(1);
            assertThat(rounds.get(0).get("loop_ended").asText()).contains("no label ACCEPTed");
        } else if (rounds.size() == 2) {
            assertThat(rounds.get(1).get("parent_version").asText()).isEqualTo(rounds.get(0).get("model_version").asText());
            assertThat(rounds.get(1).get("pseudo_tasks").asLong()).isPositive();
        } else {
            assertThat(rounds.get(0).get("loop_ended").asText()).contains("no new version");
        }
    }

    @Test
    void givenSmokeRun_whenItEnds_thenTheSummaryHasTheReportsKeysAndReportHtmlLiesBesideIt() {
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(fieldNames(summary.get("data_card"))).containsExactly("languages", "approx_tokens", "dedup", "decontamination");
        assertThat(summary.get("data_card").get("languages").get("stage1.corpus").size()).as("languages of stage1.corpus").isPositive();
        assertThat(summary.get("data_card").get("approx_tokens").get("stage1.corpus").asLong()).isPositive();
        assertThat(summary.get("data_card").get("dedup").get("documents_in").asLong()).isEqualTo(summary.get("topics").get("raw.documents").asLong());
        assertThat(summary.get("configuration").get("medstream.limit").asText()).isEqualTo(String.valueOf(LIMIT));
        assertThat(summary.get("versions").get("medstream").asText()).isEqualTo(Main.VERSION);
        assertThat(fieldNames(summary.get("training").get("tokens_per_s")))
                .containsExactlyElementsOf(summary.get("training").get("versions").findValuesAsText("version"));
    }

    /**
     * The report as a person sees it: headless Chromium opens it from disk, and any console error, uncaught exception,
     * missing section or chart without drawn marks fails the test. The screenshot lands in target/report-smoke.png.
     */
    @Test
    void givenSmokeRun_whenItsReportOpensInHeadlessChromium_thenEverySectionAndChartRendersWithoutErrors() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(ChromiumForTests.binaryOrSkip())) {
            PageCheck check = browser.check(out.resolve("report.html"), RunReport.sectionIds());
            Path shot = Files.createDirectories(Path.of("target")).resolve("report-smoke.png");
            Files.write(shot, check.screenshotPng());

            assertThat(check.problems()).as("what Chromium found (screenshot: %s)", shot.toAbsolutePath()).isEmpty();
            assertThat(check.charts()).as("charts on the page").isGreaterThanOrEqualTo(8);
            assertThat(check.screenshotPng()).hasSizeGreaterThan(10_000);
        }
    }

    private static long sum(JsonNode counts) {
        long n = 0;
        for (JsonNode c : counts) n += c.asLong();
        return n;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Path sharedData() {
        String prop = System.getProperty("medstream.shared.data");
        return Path.of(prop != null ? prop : "../../shared/data").toAbsolutePath().normalize();
    }
}
