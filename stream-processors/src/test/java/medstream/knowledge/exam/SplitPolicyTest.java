package medstream.knowledge.exam;

import static org.assertj.core.api.Assertions.assertThat;

import medstream.knowledge.exam.SplitPolicy.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitPolicyTest {
    private final SplitPolicy policy = SplitPolicy.defaults();

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
        "medqa-usmle, test, EVAL", "medqa-usmle, dev, EVAL", "medqa-usmle, train, TRAIN",
        "medmcqa, dev, EVAL", "medmcqa, validation, EVAL", "medmcqa, train, TRAIN",
        "mmlu-medical, test, EVAL", "mmlu-medical, dev, EVAL", "mmlu-medical, val, EVAL", "mmlu-medical, train, TRAIN",
        "cmb-exam, train, TRAIN", "cmb-exam, test, EVAL", "some-new-set, holdout, EVAL", "medqa-usmle, TEST, EVAL"})
    void givenSourceAndSplit_whenDecided_thenRoute(String source, String split, Route expected) {
        assertThat(policy.decide(source, split).route()).isEqualTo(expected);
    }

    @Test
    void givenEvalDecision_whenInspected_thenBenchmarkNameAndReason() {
        SplitPolicy.Decision d = policy.decide("medqa-usmle", "test");

        assertThat(d.benchmark()).isEqualTo("medqa");
        assertThat(d.split()).isEqualTo("test");
        assertThat(d.reason()).contains("medqa-usmle/test");
    }

    @Test
    void givenOverride_whenDecided_thenOverrideWins() {
        SplitPolicy p = policy.with("medmcqa", "dev", Route.TRAIN);

        assertThat(p.decide("medmcqa", "dev").route()).isEqualTo(Route.TRAIN);
        assertThat(policy.decide("medmcqa", "dev").route()).isEqualTo(Route.EVAL);
    }
}
