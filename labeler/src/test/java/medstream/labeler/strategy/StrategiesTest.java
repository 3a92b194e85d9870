package medstream.labeler.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.InputValidator;
import medstream.labeler.core.LabelInput;
import medstream.labeler.core.Validation;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrategiesTest {
    private final LexicalCueTestModel model = new LexicalCueTestModel("test-v1");

    private static LabelInput input(String id, String cue) {
        return ((Validation.Valid) new InputValidator().validate(Requests.withCue(id, cue))).input();
    }

    private static LabelingStrategy strategy(String name, Map<String, String> settings) {
        return Strategies.create(LabelerConfig.of(settings).withStrategy(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ppl", "voc", "ensemble"})
    void givenContextsWithClearCues_whenLabeled_thenEachCueLabelWinsAndProbabilitiesSumToOne(String name) {
        List<LabelInput> inputs = List.of(input("a", "yes"), input("b", "no"), input("c", "maybe"));

        List<StrategyResult> results = strategy(name, Map.of()).label(inputs, model);

        assertThat(results).extracting(StrategyResult::label).containsExactly("yes", "no", "maybe");
        for (StrategyResult r : results) {
            assertThat(r.strategy()).isEqualTo(name);
            assertThat(r.probabilities()[0] + r.probabilities()[1] + r.probabilities()[2]).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void givenPpl_whenLabeled_thenProbabilitiesAreTheSoftmaxOfMeanLogLikelihoods() {
        StrategyResult r = strategy("ppl", Map.of()).label(List.of(input("a", "no")), model).get(0);

        double z = 2 * Math.exp(LexicalCueTestModel.MISMATCH) + Math.exp(LexicalCueTestModel.MATCH);
        assertThat(r.scoreMap().get("no")).isCloseTo(Math.exp(LexicalCueTestModel.MATCH) / z, within(1e-12));
        assertThat(r.scoreMap().get("yes")).isCloseTo(Math.exp(LexicalCueTestModel.MISMATCH) / z, within(1e-12));
    }

    @Test
    void givenVoc_whenLabeled_thenOneExplanationPerOptionIsJudgedAndTheJudgementSharpensTheAnswer() {
        StrategyResult voc = strategy("voc", Map.of()).label(List.of(input("a", "no")), model).get(0);
        StrategyResult answerOnly = strategy("voc", Map.of("medstream.labeler.voc.judge-weight", "0"))
                .label(List.of(input("a", "no")), model).get(0);

        assertThat(voc.explanations()).hasSize(3);
        assertThat(voc.explanations().get(1)).startsWith("no (support 0.86): The context supports no.");
        assertThat(voc.confidence()).isGreaterThan(answerOnly.confidence());
        assertThat(model.generateCalls()).isEqualTo(2);
    }

    @Test
    void givenVocWithLikelihoodJudge_whenLabeled_thenTheCueStillWins() {
        StrategyResult r = strategy("voc", Map.of("medstream.labeler.voc.judge", "likelihood"))
                .label(List.of(input("a", "maybe")), model).get(0);

        assertThat(r.label()).isEqualTo("maybe");
        assertThat(r.explanations().get(2)).contains("support 0.75");
    }

    @Test
    void givenVocOnABatch_whenLabeled_thenItMakesOneCallPerStepAndMatchesLabelingOneByOne() {
        LabelingStrategy voc = strategy("voc", Map.of());
        List<LabelInput> inputs = List.of(input("a", "yes"), input("b", "no"), input("c", "maybe"), input("d", "no"));

        List<StrategyResult> batched = voc.label(inputs, model);
        int callsForBatch = model.scoreCalls() + model.generateCalls();
        List<StrategyResult> single = new ArrayList<>();
        for (LabelInput in : inputs) single.addAll(voc.label(List.of(in), model));

        assertThat(callsForBatch).isEqualTo(3);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(batched.get(i).probabilities()).containsExactly(single.get(i).probabilities(), within(1e-12));
        }
    }

    @Test
    void givenAConclusionThatContradictsTheContext_whenLongAnswerLabels_thenTheConclusionDecides() {
        LabelInput in = new LabelInput("a", "Does it help?", "It improved outcomes.", "Treatment did not help.",
                List.of("yes", "no", "maybe"));

        StrategyResult r = strategy("long-answer", Map.of()).label(List.of(in), model).get(0);

        assertThat(r.label()).isEqualTo("no");
        assertThat(r.reviewReasons()).isEmpty();
    }

    @Test
    void givenNoConclusion_whenLongAnswerLabels_thenItReadsTheContextAndForcesReview() {
        StrategyResult r = strategy("long-answer", Map.of()).label(List.of(input("a", "no")), model).get(0);

        assertThat(r.label()).isEqualTo("no");
        assertThat(r.reviewReasons()).containsExactly(LongAnswerStrategy.NO_LONG_ANSWER);
    }

    @Test
    void givenAConclusionThatContradictsTheContext_whenTheEnsembleLabels_thenTheMembersDisagree() {
        LabelInput in = new LabelInput("a", "Does it help?", "It improved outcomes.", "Treatment did not help.",
                List.of("yes", "no", "maybe"));

        StrategyResult r = strategy("ensemble", Map.of("medstream.labeler.ensemble.samples", "0")).label(List.of(in), model).get(0);

        assertThat(r.agree()).isFalse();
        assertThat(r.disagreements()).anyMatch(d -> d.startsWith("long-answer=no"))
                .anyMatch(d -> d.startsWith("voc=yes"));
    }

    @Test
    void givenAnInputWithoutConclusion_whenTheEnsembleLabels_thenLongAnswerIsSkippedNotForcingReview() {
        StrategyResult r = strategy("ensemble", Map.of()).label(List.of(input("a", "yes")), model).get(0);

        assertThat(r.reviewReasons()).isEmpty();
        assertThat(r.agree()).isTrue();
        assertThat(r.label()).isEqualTo("yes");
    }

    @Test
    void givenSelfConsistency_whenSampled_thenVotesAreSharesOfKAndRepeatable() {
        SelfConsistencyStrategy sc = new SelfConsistencyStrategy("v1", 20, 0.8, 5);

        StrategyResult first = sc.label(List.of(input("a", "maybe")), model).get(0);
        StrategyResult again = sc.label(List.of(input("a", "maybe")), model).get(0);

        assertThat(first.label()).isEqualTo("maybe");
        for (double p : first.probabilities()) assertThat(p * 20).isCloseTo(Math.rint(p * 20), within(1e-9));
        assertThat(first.confidence()).isLessThan(1.0).isGreaterThan(0.5);
        assertThat(again.probabilities()).containsExactly(first.probabilities());
    }

    @Test
    void givenSelfConsistencyText_whenParsed_thenTheFirstWordMustNameAnOption() {
        assertThat(SelfConsistencyStrategy.parse(" Maybe, it depends", List.of("yes", "no", "maybe"))).isEqualTo(2);
        assertThat(SelfConsistencyStrategy.parse(" perhaps yes", List.of("yes", "no", "maybe"))).isEqualTo(-1);
        assertThat(SelfConsistencyStrategy.parse("  ", List.of("yes", "no"))).isEqualTo(-1);
    }

    @Test
    void givenTwoStrategies_whenHashed_thenTheirTemplateHashesDifferAndTheEnsembleCoversAll() {
        String ppl = strategy("ppl", Map.of()).promptTemplateHash();
        String voc = strategy("voc", Map.of()).promptTemplateHash();
        String ens = strategy("ensemble", Map.of()).promptTemplateHash();

        assertThat(ppl).isNotEqualTo(voc).isNotEqualTo(ens);
        assertThat(ens).isNotEqualTo(voc);
    }

    @Test
    void givenAnUnknownName_whenCreated_thenTheErrorListsTheKnownOnes() {
        assertThatThrownBy(() -> strategy("magic", Map.of())).hasMessageContaining("[voc, ppl, long-answer, ensemble, weak]");
    }
}
