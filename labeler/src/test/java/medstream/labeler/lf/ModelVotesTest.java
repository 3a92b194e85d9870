package medstream.labeler.lf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import medstream.labeler.core.LabelInput;
import medstream.labeler.strategy.LongAnswerStrategy;
import medstream.labeler.strategy.PerplexityStrategy;
import medstream.labeler.testing.LexicalCueTestModel;
import org.junit.jupiter.api.Test;

/** Each model voter of weak reads the request as its own window allows, and abstains rather than fail it. */
class ModelVotesTest {
    private static final List<String> OPTIONS = List.of("yes", "no", "maybe");

    private static LabelInput input(String context, String conclusion) {
        return new LabelInput("r1", "Does the drug reduce mortality?", context, conclusion, OPTIONS);
    }

    @Test
    void givenAContextLongerThanThePplWindow_whenFitted_thenItIsCutToTheBudgetAndStillVotes() {
        LexicalCueTestModel model = new LexicalCueTestModel("v1", "cpu", 200);
        LabelInput in = input("The drug reduced mortality. " + "filler ".repeat(1_000), "It did.");
        PerplexityStrategy ppl = new PerplexityStrategy("v2");

        Optional<LabelInput> fitted = ModelVotes.fitted(ppl, in, model);

        assertThat(fitted).isPresent();
        assertThat(model.countTokens(fitted.get().context()) + ppl.tokensBesidesContext(in, model)).isLessThanOrEqualTo(200);
        assertThat(ModelVotes.of(ppl, List.of(Optional.of(in)), model).get(0).abstained()).isFalse();
    }

    @Test
    void givenAWindowTooSmallForThePromptItself_whenVoted_thenTheVoterAbstainsWithTheReasonAndTheOthersAreUnaffected() {
        LexicalCueTestModel model = new LexicalCueTestModel("v1", "cpu", 40);
        LabelInput longConclusion = input("Short context.", "word ".repeat(500));
        LabelInput shortConclusion = input("Short context.", "The drug did not reduce mortality.");
        LongAnswerStrategy longAnswer = new LongAnswerStrategy("v2");

        List<Vote> votes = ModelVotes.of(longAnswer, List.of(Optional.of(longConclusion), Optional.of(shortConclusion),
                Optional.empty()), model);

        assertThat(votes.get(0).reason()).isEqualTo(ModelVotes.PROMPT_OVER_WINDOW);
        assertThat(votes.get(1).abstained()).isFalse();
        assertThat(votes.get(2).reason()).isEqualTo(ModelVotes.NOT_LABELED);
    }
}
