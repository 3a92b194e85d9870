package medstream.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void givenCosineWithWarmup_whenReadAtKeySteps_thenRisesLinearlyThenFallsToTheMinimum() {
        LrSchedule s = LrSchedule.cosine(1e-3, 10, 110, 0.1);
        assertThat(s.lr(0)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.lr(4)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.lr(10)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.lr(60)).isCloseTo(1e-4 + 0.5 * 9e-4, within(1e-12)); // half way: cosine at 0.5
        assertThat(s.lr(110)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.lr(10_000)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.lr(30)).isGreaterThan(s.lr(31));
    }

    @Test
    void givenLinearWithWarmup_whenReadAfterWarmup_thenFallsInAStraightLine() {
        LrSchedule s = LrSchedule.linear(2e-3, 0, 100, 0.0);
        assertThat(s.lr(0)).isCloseTo(2e-3, within(1e-12));
        assertThat(s.lr(25)).isCloseTo(1.5e-3, within(1e-12));
        assertThat(s.lr(75)).isCloseTo(0.5e-3, within(1e-12));
        assertThat(s.lr(100)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void givenConstant_whenReadAfterWarmup_thenStaysAtThePeak() {
        LrSchedule s = LrSchedule.constant(3e-4, 2);
        assertThat(s.lr(0)).isCloseTo(1.5e-4, within(1e-12));
        assertThat(s.lr(2)).isEqualTo(3e-4);
        assertThat(s.lr(1_000_000)).isEqualTo(3e-4);
    }

    @Test
    void givenWarmupLongerThanTheRun_whenBuilt_thenRejected() {
        assertThatThrownBy(() -> LrSchedule.cosine(1e-3, 100, 50, 0.1)).hasMessageContaining("warmupSteps < totalSteps");
    }
}
