package medstream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;
import medstream.labeler.eval.StrategyMetrics;
import org.junit.jupiter.api.Test;

class DataCardCounterTest {
    @Test
    void givenExactAndNearDuplicateRejects_whenTheDedupRateIsTaken_thenBothCountAgainstEveryRawDocument() {
        Map<String, Object> dedup = DataCardCounter.dedup(200, Map.of("EXACT_DUPLICATE", 6L, "NEAR_DUPLICATE", 4L, "CONTAMINATED", 9L));

        assertThat(dedup).containsEntry("documents_in", 200L).containsEntry("exact_duplicates", 6L)
                .containsEntry("near_duplicates", 4L).containsEntry("rate", 0.05);
    }

    @Test
    void givenNoRawDocuments_whenTheDedupRateIsTaken_thenItIsNullNotADivisionByZero() {
        assertThat(DataCardCounter.dedup(0, Map.of())).containsEntry("rate", null);
    }

    @Test
    void givenATask_whenItsTextIsCounted_thenQuestionContextOptionsAnswerAndExplanationAreIn() {
        McqTask task = McqTask.newBuilder().setId("t").setFamily(TaskFamily.values()[0]).setLanguage("en").setQuestion("Does it work?")
                .setContext("Some context").setOptions(List.of(new Option("yes", "it works"), new Option("no", "it fails")))
                .setAnswer("yes").setExplanation("Because.").setLabelOrigin(LabelOrigin.values()[0]).setLabelId(null).setConfidence(null)
                .setSampleWeight(1.0).setSource("test").build();

        assertThat(DataCardCounter.taskText(task)).contains("Does it work?", "Some context", "yes it works", "no it fails", "Because.");
    }

    @Test
    void givenCoveragePoints_whenPutInTheSummary_thenEachVersionListsItsPointsWithSnakeCaseKeys() {
        Map<String, Object> curves = LabelStep.coverageCurves(Map.of("s3-v0001", List.of(new StrategyMetrics.CoveragePoint(0.5, 25, 0.8, 0.7))));

        assertThat(curves.get("s3-v0001")).isEqualTo(List.of(Map.of("coverage", 0.5, "n", 25, "accuracy", 0.8, "min_confidence", 0.7)));
    }
}
