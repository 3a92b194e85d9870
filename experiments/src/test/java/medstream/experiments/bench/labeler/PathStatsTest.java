package medstream.experiments.bench.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathStatsTest {
    @Test
    void givenRoundsWithOneOutlier_whenSummarised_thenTheMedianIgnoresItAndTheSpreadShowsIt() {
        PathStats s = new PathStats(List.of(2.0, 9.0, 2.2, 1.8, 2.1), List.of(0.0, 0.0, 0.0, 0.0, 0.0),
                List.of(0.1, 0.0, 0.0, 0.0, 0.0), 1);

        assertThat(s.median()).isEqualTo(2.1);
        assertThat(s.min()).isEqualTo(1.8);
        assertThat(s.max()).isEqualTo(9.0);
        assertThat(s.quantile(0.25)).isEqualTo(2.0);
        assertThat(s.quantile(0.75)).isEqualTo(2.2);
        assertThat(s.relativeIqr()).isCloseTo(0.2 / 2.1, within(1e-12));
        assertThat(s.toMap(4)).containsEntry("median_rps", 4 / 2.1).containsEntry("min_rps", 4 / 9.0)
                .containsEntry("jit_seconds", 0.1);
    }

    @Test
    void givenAnEvenNumberOfRounds_whenSummarised_thenTheMedianIsBetweenTheMiddleTwo() {
        PathStats s = new PathStats(List.of(4.0, 1.0, 3.0, 2.0), List.of(), List.of(), 1);

        assertThat(s.median()).isEqualTo(2.5);
    }
}
