package medstream.labeler.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import medstream.contracts.Decision;
import medstream.labeler.strategy.StrategyResult;
import org.junit.jupiter.api.Test;

class ConfidenceRouterTest {
    private final ConfidenceRouter router = new ConfidenceRouter(0.6);

    private static StrategyResult result(double yes, List<String> disagreements) {
        return new StrategyResult("ensemble", List.of("yes", "no"), new double[] {yes, 1 - yes}, List.of(), "h",
                disagreements, List.of());
    }

    @Test
    void givenConfidenceAtTheThresholdAndAgreement_whenRouted_thenAcceptWithoutReason() {
        Routing r = router.route(result(0.6, List.of()), List.of(), List.of());

        assertThat(r.decision()).isEqualTo(Decision.ACCEPT);
        assertThat(r.reason()).isNull();
    }

    @Test
    void givenConfidenceUnderTheThreshold_whenRouted_thenReviewSaysBy() {
        Routing r = router.route(result(0.55, List.of()), List.of(), List.of());

        assertThat(r.decision()).isEqualTo(Decision.REVIEW);
        assertThat(r.reason()).isEqualTo("LOW_CONFIDENCE(0.550<0.600)");
    }

    @Test
    void givenHighConfidenceButDisagreeingStrategies_whenRouted_thenReview() {
        Routing r = router.route(result(0.9, List.of("voc=yes(0.9)", "ppl=no(0.7)")), List.of(), List.of());

        assertThat(r.decision()).isEqualTo(Decision.REVIEW);
        assertThat(r.reason()).isEqualTo("STRATEGIES_DISAGREE(voc=yes(0.9),ppl=no(0.7))");
    }

    @Test
    void givenAFlagOnly_whenRouted_thenAcceptCarriesTheFlag_andAForcedReasonForcesReview() {
        assertThat(router.route(result(0.9, List.of()), List.of(), List.of("CONTEXT_TRUNCATED")))
                .isEqualTo(new Routing(Decision.ACCEPT, "CONTEXT_TRUNCATED"));
        assertThat(router.route(result(0.9, List.of()), List.of("CONTEXT_OVER_WINDOW(9>5)"), List.of("CONTEXT_TRUNCATED")))
                .isEqualTo(new Routing(Decision.REVIEW, "CONTEXT_OVER_WINDOW(9>5); CONTEXT_TRUNCATED"));
    }
}
