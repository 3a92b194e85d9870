package medstream.labeler.core;

import static medstream.labeler.testing.Requests.request;
import static medstream.labeler.testing.Requests.withCue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import medstream.contracts.Decision;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.ScoringMode;
import medstream.labeler.strategy.Strategies;
import medstream.labeler.testing.LexicalCueTestModel;
import org.junit.jupiter.api.Test;

class LabelingPipelineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);

    private static LabelingPipeline pipeline(Map<String, String> settings) {
        LabelerConfig cfg = LabelerConfig.of(settings);
        return new LabelingPipeline(Strategies.create(cfg), cfg, CLOCK);
    }

    private static LabelResult result(LabelingOutcome o) {
        assertThat(o).isInstanceOf(LabelingOutcome.Labeled.class);
        return ((LabelingOutcome.Labeled) o).result();
    }

    @Test
    void givenGoodRequests_whenLabeled_thenResultsCarryScoresStrategyHashVersionDeviceAndTime() {
        LabelingPipeline p = pipeline(Map.of());
        LexicalCueTestModel model = new LexicalCueTestModel("s3-v7", "gpu(0)", 4096);

        List<LabelingOutcome> out = p.label(List.of(withCue("1", "no"), withCue("2", "yes")), model);

        LabelResult r = result(out.get(0));
        assertThat(r.getRequestId()).isEqualTo("1");
        assertThat(r.getLabel()).isEqualTo("no");
        assertThat(r.getDecision()).isEqualTo(Decision.ACCEPT);
        assertThat(r.getReason()).isNull();
        assertThat(r.getStrategy()).isEqualTo("voc");
        assertThat(r.getOptionScores()).containsOnlyKeys("yes", "no", "maybe");
        assertThat(r.getConfidence()).isEqualTo(Collections.max(r.getOptionScores().values()));
        assertThat(r.getPromptTemplateHash()).isEqualTo(p.promptTemplateHash()).hasSize(16);
        assertThat(r.getModelVersion()).isEqualTo("s3-v7");
        assertThat(r.getDevice()).isEqualTo("gpu(0)");
        assertThat(r.getLabeledAt()).isEqualTo(CLOCK.instant());
        assertThat(r.getExplanations()).hasSize(3);
        assertThat(result(out.get(1)).getLabel()).isEqualTo("yes");
    }

    @Test
    void givenAThresholdAboveTheConfidence_whenLabeled_thenReviewWithLowConfidence() {
        LabelResult r = result(pipeline(Map.of("medstream.labeler.strategy", "ppl", "medstream.labeler.threshold", "0.9"))
                .label(List.of(withCue("1", "yes")), new LexicalCueTestModel("v")).get(0));

        assertThat(r.getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(r.getReason()).startsWith(ReasonCodes.LOW_CONFIDENCE);
    }

    @Test
    void givenBadRequestsAndTheDlqPolicy_whenLabeled_thenTheyAreRejectedWithCodesAndTheGoodOneIsLabeled() {
        List<LabelRequest> batch = List.of(
                request("noq", "", List.of("c"), null, List.of("yes", "no")),
                request("noc", "Q?", List.of(), null, List.of("yes", "no")),
                request("opts", "Q?", List.of("c"), null, List.of("true", "false")),
                withCue("good", "maybe"));

        List<LabelingOutcome> out = pipeline(Map.of()).label(batch, new LexicalCueTestModel("v"));

        assertThat(out.subList(0, 3)).allMatch(o -> o instanceof LabelingOutcome.Rejected);
        assertThat(out.subList(0, 3)).extracting(o -> ((LabelingOutcome.Rejected) o).code())
                .containsExactly(ReasonCodes.NO_QUESTION, ReasonCodes.NO_CONTEXT, ReasonCodes.UNKNOWN_OPTIONS);
        assertThat(result(out.get(3)).getLabel()).isEqualTo("maybe");
    }

    @Test
    void givenABadRequestAndTheReviewPolicy_whenLabeled_thenItIsAReviewResultWithTheReason() {
        LabelResult r = result(pipeline(Map.of("medstream.labeler.bad-input", "review"))
                .label(List.of(request("noc", "Q?", List.of(" "), null, List.of("yes", "no"))), new LexicalCueTestModel("v")).get(0));

        assertThat(r.getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(r.getLabel()).isEmpty();
        assertThat(r.getReason()).startsWith(ReasonCodes.NO_CONTEXT + ": ");
    }

    private static LabelRequest longRequest() {
        String context = "Treatment did not change survival. " + "Filler words about the cohort design. ".repeat(60)
                + "Final result sentence.";
        return request("long", "Does the treatment improve survival?", List.of(context), null, List.of("yes", "no", "maybe"));
    }

    @Test
    void givenAContextOverTheWindow_whenTruncatingInTheMiddle_thenEveryPromptFitsAndTheResultIsFlagged() {
        LexicalCueTestModel model = new LexicalCueTestModel("v", "cpu", 256);

        LabelResult r = result(pipeline(Map.of()).label(List.of(longRequest()), model).get(0));

        assertThat(model.longestPromptTokens()).isLessThanOrEqualTo(256);
        assertThat(r.getReason()).contains(ReasonCodes.CONTEXT_TRUNCATED);
        assertThat(r.getDecision()).isEqualTo(Decision.ACCEPT);
        assertThat(r.getLabel()).isEqualTo("no");
    }

    @Test
    void givenAContextOverTheWindow_whenThePolicyIsReview_thenReviewWithTheTokenCounts() {
        LabelResult r = result(pipeline(Map.of("medstream.labeler.context-overflow", "review"))
                .label(List.of(longRequest()), new LexicalCueTestModel("v", "cpu", 256)).get(0));

        assertThat(r.getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(r.getReason()).startsWith(ReasonCodes.CONTEXT_OVER_WINDOW + "(").contains(ReasonCodes.CONTEXT_TRUNCATED);
    }

    @Test
    void givenAContextOverTheWindow_whenThePolicyIsDlq_thenRejected() {
        LabelingOutcome o = pipeline(Map.of("medstream.labeler.context-overflow", "dlq"))
                .label(List.of(longRequest()), new LexicalCueTestModel("v", "cpu", 256)).get(0);

        assertThat(o).isInstanceOfSatisfying(LabelingOutcome.Rejected.class,
                rej -> assertThat(rej.code()).isEqualTo(ReasonCodes.CONTEXT_OVER_WINDOW));
    }

    @Test
    void givenAContextOverTheWindow_whenTheStrategyNeverShowsTheContext_thenTheRequestIsLabeledWholeOnItsConclusion() {
        String context = "Filler words about the cohort design. ".repeat(60);
        LabelRequest r = request("la", "Does the treatment improve survival?", List.of(context),
                "Treatment did not change survival.", List.of("yes", "no", "maybe"));
        LexicalCueTestModel model = new LexicalCueTestModel("v", "cpu", 256);

        LabelResult result = result(pipeline(Map.of("medstream.labeler.strategy", "long-answer",
                "medstream.labeler.context-overflow", "dlq")).label(List.of(r), model).get(0));

        assertThat(result.getLabel()).isEqualTo("no");
        assertThat(result.getReason() == null ? "" : result.getReason()).doesNotContain(ReasonCodes.CONTEXT_TRUNCATED);
        assertThat(model.longestPromptTokens()).isLessThanOrEqualTo(256);
    }

    @Test
    void givenAConclusionOverTheWindow_whenTheStrategyIsLongAnswer_thenRejectedAsPromptOverWindow() {
        LabelRequest r = request("la", "Does the treatment improve survival?", List.of("Short context."),
                "Treatment did not change survival. " + "More words of the conclusion. ".repeat(80), List.of("yes", "no", "maybe"));

        LabelingOutcome o = pipeline(Map.of("medstream.labeler.strategy", "long-answer", "medstream.labeler.bad-input", "dlq"))
                .label(List.of(r), new LexicalCueTestModel("v", "cpu", 256)).get(0);

        assertThat(o).isInstanceOfSatisfying(LabelingOutcome.Rejected.class,
                rej -> assertThat(rej.code()).isEqualTo(ReasonCodes.PROMPT_OVER_WINDOW));
    }

    @Test
    void givenAModelThatFailsOnOneRequest_whenLabeledAsABatch_thenOnlyThatOneIsRejected() {
        LabelingModel poisoned = new FailingOn("Poison", new LexicalCueTestModel("v"));

        List<LabelingOutcome> out = pipeline(Map.of("medstream.labeler.strategy", "ppl")).label(List.of(withCue("1", "yes"),
                request("2", "Poison?", List.of("c"), null, List.of("yes", "no")), withCue("3", "no")), poisoned);

        assertThat(result(out.get(0)).getLabel()).isEqualTo("yes");
        assertThat(out.get(1)).isInstanceOfSatisfying(LabelingOutcome.Rejected.class,
                rej -> assertThat(rej.code()).isEqualTo(ReasonCodes.MODEL_ERROR));
        assertThat(result(out.get(2)).getLabel()).isEqualTo("no");
    }

    /** Fails every scoring call whose batch contains a prompt with {@code marker}. */
    private record FailingOn(String marker, LabelingModel delegate) implements LabelingModel {
        @Override public String version() { return delegate.version(); }
        @Override public String device() { return delegate.device(); }
        @Override public int contextWindow() { return delegate.contextWindow(); }
        @Override public int countTokens(String text) { return delegate.countTokens(text); }
        @Override public List<String> generate(List<String> prompts, GenerationParams params) { return delegate.generate(prompts, params); }
        @Override public void close() { delegate.close(); }

        @Override
        public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
            if (batch.stream().anyMatch(p -> p.prompt().contains(marker))) throw new IllegalStateException("NaN logits");
            return delegate.scoreOptions(batch, mode);
        }
    }
}
