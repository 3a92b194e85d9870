package medstream.labeler.lf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import medstream.labeler.strategy.StrategyResult;
import org.junit.jupiter.api.Test;

/** Model strategies' results as votes with probabilities. */
class VoteTest {

    @Test
    void givenAStrategyResultInAnotherOptionOrder_whenMadeAVote_thenProbabilitiesFollowYesNoMaybe() {
        StrategyResult r = new StrategyResult("ppl", List.of("maybe", "yes", "no"), new double[] {0.1, 0.3, 0.6},
                List.of(), "h", List.of(), List.of());

        Vote v = Vote.fromStrategy(r);

        assertThat(v.voter()).isEqualTo("ppl");
        assertThat(v.label()).isEqualTo("no");
        assertThat(v.probabilities()).containsExactly(new double[] {0.3, 0.6, 0.1}, within(1e-12));
    }

    @Test
    void givenAResultThatForcesReview_whenMadeAVote_thenItAbstainsWithTheReasons() {
        StrategyResult r = new StrategyResult("long-answer", List.of("yes", "no", "maybe"), new double[] {0.5, 0.3, 0.2},
                List.of(), "h", List.of(), List.of("NO_LONG_ANSWER"));

        Vote v = Vote.fromStrategy(r);

        assertThat(v.abstained()).isTrue();
        assertThat(v.reason()).isEqualTo("NO_LONG_ANSWER");
        assertThat(v.probabilities()).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void givenAllZeroProbabilities_whenMadeAVote_thenItAbstains() {
        assertThat(Vote.fromProbabilities("m", new double[3]).abstained()).isTrue();
    }

    @Test
    void givenALabelOutsideTheOptions_whenVoted_thenRefused() {
        assertThatThrownBy(() -> Vote.of("lf", "perhaps", "")).hasMessageContaining("perhaps");
    }
}
