package medstream.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSectionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A small summary as a run writes it, with one of every section the report reads. */
    private static final String SUMMARY = """
            {"schema_version": 1, "started_at": "2026-01-01T00:00:00Z", "status": "ok", "wall_time_s": 12.5, "limit": 5,
             "steps": {"ingest": {"status": "ok", "wall_time_s": 2.0}, "train": {"status": "ok", "wall_time_s": 4.0}},
             "ingest": {"medquad": {"produced": {"raw.qa-pairs": 5}, "records": 5, "dead_letters": 1, "skipped": {}, "limited": true, "wall_time_s": 0.1},
                        "pubmedqa-pqaa-sample": {"produced": {"raw.documents": 3, "raw.pubmedqa": 2}, "records": 5, "dead_letters": 0, "skipped": {}}},
             "topics": {"raw.qa-pairs": 5, "raw.documents": 3, "stage1.corpus": 7},
             "dlq": {"total": 2, "by_service": {"ingest": 1, "medstream-knowledge": 1}, "by_error_class": {"PARSE": 1, "CONTAMINATED": 1}},
             "rejects": {"total": 1, "by_reason": {"EXACT_DUPLICATE": 1}, "by_filter": {"dedup.exact": 1}},
             "data_card": {"languages": {"stage1.corpus": {"en": 5, "zh": 2}}, "approx_tokens": {"stage1.corpus": 700},
                           "dedup": {"documents_in": 3, "exact_duplicates": 1, "near_duplicates": 0, "rate": 0.333333},
                           "decontamination": {"cleaning": 0, "knowledge": 1, "total": 1}},
             "training": {"preset": "tiny", "seconds": 4.0,
               "stages": [{"stage": 1, "stop": "DRAINED", "versions": 1, "tokensSeen": 900, "newTokens": 800, "records": 7, "deadLetters": 0, "finalLoss": 5.1, "note": "n", "seconds": 3.0}],
               "versions": [{"stage": 1, "version": "s1-v0001", "parent": null, "checkpoint": "/nowhere", "tokensSeen": 900, "finalLoss": 5.1, "offsetRanges": ["t-0:[0,7)"]}],
               "evals": [{"modelVersion": "s1-v0001", "stage": 1, "benchmark": "pubmedqa", "n": 4, "accuracy": 0.5, "perClass": {"gold:yes": 3, "gold:no": 1}}]},
             "labels": {"requests": 2, "results": 2, "wall_time_s": 1.0,
               "calibration": {"s3-v0001": {"reached": false, "threshold": null, "items": 4, "benchmark": "pubmedqa/dev", "overall_accuracy": 0.5,
                 "accepted": 0, "accepted_accuracy": null, "accepted_accuracy_lower_bound": null, "target_accuracy": 0.7}},
               "coverage_curves": {"s3-v0001": [{"coverage": 0.5, "n": 2, "accuracy": 1.0, "min_confidence": 0.8}, {"coverage": 1.0, "n": 4, "accuracy": 0.5, "min_confidence": 0.1}]}},
             "configuration": {"medstream.bootstrap": "embedded", "kafka.sasl.jaas.config": "****"},
             "versions": {"medstream": "0.1.0", "java": "17"}}
            """;

    @TempDir
    Path out;

    @Test
    void givenAFullSummary_whenRendered_thenEverySectionAndEveryChartIsThere() throws Exception {
        writeRun(SUMMARY);

        String page = RunReport.render(ReportData.load(out));

        for (String id : RunReport.sectionIds()) assertThat(page).contains("<section id=\"" + id + "\">");
        assertThat(page).contains("data-chart=\"ingest-by-source\"", "data-chart=\"dlq-by-service\"", "data-chart=\"rejects-by-reason\"",
                "data-chart=\"language-mix\"", "data-chart=\"tokens-per-topic\"", "data-chart=\"loss-stage1\"",
                "data-chart=\"accuracy-by-version\"", "data-chart=\"tokens-per-second\"", "data-chart=\"labels-by-class\"",
                "data-chart=\"label-confidence\"", "data-chart=\"accuracy-vs-coverage\"", "data-chart=\"step-wall-times\"");
        assertThat(page).doesNotContain("class=\"missing\"").doesNotContain("could not be drawn");
        assertThat(page).contains("33.3 %", "****");
        // Nothing to fetch: no script, no external source, link or stylesheet (the only URL is the SVG namespace).
        assertThat(page).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=\"http").doesNotContain("url(")
                .doesNotContain("<link");
    }

    @Test
    void givenASummaryOfARunThatFailedEarly_whenRendered_thenSectionsSayWhatIsMissingAndDrawWhatThereIs() throws Exception {
        writeRun("{\"schema_version\": 1, \"status\": \"failed\", \"error\": \"java.lang.IllegalStateException: <broker> gone\", \"steps\": {}}");

        String page = RunReport.render(ReportData.load(out));

        for (String id : RunReport.sectionIds()) assertThat(page).contains("<section id=\"" + id + "\">");
        assertThat(page).contains("class=\"missing\"", "No ingestion figures", "No labeling", "&lt;broker&gt; gone");
        assertThat(page).doesNotContain("could not be drawn");
        // What the failed run did leave (a checkpoint) is still drawn.
        assertThat(page).contains("data-chart=\"loss-stage1\"").doesNotContain("data-chart=\"ingest-by-source\"");
    }

    @Test
    void givenAnEvaluationWithGoldCounts_whenItsMajorityIsTaken_thenItIsTheLargestGoldShare() throws Exception {
        JsonNode eval = JSON.readTree("{\"n\": 4, \"perClass\": {\"gold:yes\": 3, \"gold:no\": 1, \"pred:no\": 4}}");

        assertThat(TrainingSection.majorityShare(eval)).isEqualTo(0.75);
    }

    @Test
    void givenTwoVersionsOfAStage_whenTheirCheckpointsAreRead_thenEachKeepsOnlyTheLossPointsOfItsOwnRound() throws Exception {
        writeRun("{\"schema_version\": 1}");
        writeState("stage1/s1-v0001", "[[1, 6.0], [2, 5.5]]", 1000);
        writeState("stage1/s1-v0002", "[[1, 6.0], [2, 5.5], [3, 5.2], [4, 5.0]]", 2000);

        List<VersionCheckpoint> checkpoints = ReportData.load(out).checkpoints();

        assertThat(checkpoints).extracting(VersionCheckpoint::version).containsExactly("s1-v0001", "s1-v0002");
        assertThat(checkpoints.get(0).loss()).extracting(p -> p[0]).containsExactly(1.0, 2.0);
        assertThat(checkpoints.get(1).loss()).extracting(p -> p[0]).containsExactly(3.0, 4.0);
        assertThat(checkpoints.get(1).tokensPerSecond()).isEqualTo(2000.0);
        assertThat(checkpoints.get(1).offsets()).containsEntry("t-0", 7L);
    }

    @Test
    void givenStepFigures_whenThroughputIsDerived_thenItDividesWhatTheStepMovedByItsWallTime() throws Exception {
        JsonNode summary = JSON.readTree(SUMMARY);

        assertThat(RunSection.throughput("ingest", summary, 2.0)).isEqualTo("5.0 records/s ingested");
        assertThat(RunSection.throughput("train", summary, 4.0)).isEqualTo("225.0 tokens/s trained");
        assertThat(RunSection.throughput("provision", summary, 1.0)).isEqualTo("–");
    }

    @Test
    void givenWeakSupervisionAndLoopRounds_whenRendered_thenTheVotersTableAndTheRoundsTableShowTheirFigures() throws Exception {
        String weak = """
                "weak_supervision": {"s3-v0001": {"lf_set_hash": "abc123", "label_model": "discriminative", "items": 500,
                  "trained_on": 450, "out_of_fold_accuracy": 0.742, "dev": {"items": 50, "accepted": 21, "accepted_accuracy": 0.857},
                  "voters": [{"voter": "negated_verb", "coverage": 0.31, "overlap": 0.3, "conflict": 0.12, "accuracy": 0.81},
                             {"voter": "ppl", "coverage": 1.0, "overlap": 0.9, "conflict": 0.5, "accuracy": 0.55}],
                  "weights": {"l2": 1.0, "weights": {"negated_verb": {"votes_no": {"yes": -0.4, "no": 1.37, "maybe": 0.1}},
                                                      "ppl": {"votes_yes": {"yes": 0.05, "no": 0.0, "maybe": 0.0}}}}}},
                "rounds": [{"round": 0, "model_version": "s3-v0001", "accepted": 120, "results": 300,
                            "calibration": {"threshold": 0.812}, "dev": {"accepted_accuracy": 0.857}, "evals": {}},
                           {"round": 1, "model_version": "s3-v0002", "accepted": 131, "results": 300, "pseudo_tasks": 120,
                            "calibration": {"threshold": 0.8}, "dev": {"accepted_accuracy": 0.86},
                            "evals": {"pubmedqa": {"accuracy": 0.61, "before": 0.55}}}],
                """;
        writeRun(SUMMARY.replace("\"labels\": {\"requests\": 2,", "\"labels\": {" + weak + "\"requests\": 2,"));

        String page = RunReport.render(ReportData.load(out));

        assertThat(page).contains("Weak supervision of s3-v0001", "negated_verb", "no 1.37", "0.742", "21 of 50 accepted");
        assertThat(page).contains("Annotation loop", "s3-v0002", "131", "pubmedqa 0.610 (was 0.550)");
    }

    @Test
    void givenARunFolder_whenTheReportIsWritten_thenReportHtmlLiesBesideTheSummary() throws Exception {
        writeRun(SUMMARY);

        Path file = RunReport.write(out);

        assertThat(file).isEqualTo(out.resolve("report.html")).isRegularFile();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
    }

    private void writeRun(String summary) throws Exception {
        Files.writeString(out.resolve("summary.json"), summary, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("labels.jsonl"), """
                {"id":"a","label":"yes","confidence":0.91,"decision":"ACCEPT","strategy":"voc","model_version":"s3-v0001"}
                {"id":"b","label":"no","confidence":0.42,"decision":"REVIEW","strategy":"voc","model_version":"s3-v0001"}
                """, StandardCharsets.UTF_8);
        writeState("stage1/s1-v0001", "[[1, 6.0], [2, 5.5]]", 1000);
    }

    private void writeState(String dir, String lossCurve, double tokensPerSecond) throws Exception {
        Path d = Files.createDirectories(out.resolve("checkpoints").resolve(dir));
        Files.writeString(d.resolve("state.json"), "{\"offsets\": {\"t-0\": 7}, \"metrics\": {\"tokensPerSecond\": " + tokensPerSecond
                + "}, \"extra\": {\"trainer\": {\"lossCurve\": " + lossCurve + "}}}", StandardCharsets.UTF_8);
    }
}
