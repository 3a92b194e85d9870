package medstream.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainBatchTest {

    @Test
    void givenAnInstructionAndAPlainText_whenPadded_thenOnlyAnswerAndTextTargetsAreLearned() {
        int[] instruction = {1, 2, 3, 10, 11}; // prompt 1 2 3, answer 10 11
        int[] text = {5, 6, 7};

        TrainBatch batch = TrainBatch.padded(List.of(instruction, text), new int[] {3, 0}, new float[] {2f, 1f}, 0);

        assertThat(batch.tokens()[1]).containsExactly(5, 6, 7, 0, 0);
        // targets are tokens 1..4; only 10 (target 2) and 11 (target 3) are learned in the instruction row
        assertThat(batch.lossMask()[0]).containsExactly(0f, 0f, 1f, 1f);
        assertThat(batch.lossMask()[1]).containsExactly(1f, 1f, 0f, 0f);
        assertThat(batch.totalWeight()).isEqualTo(2 * 2 + 2);
        assertThat(batch.lossTokens()).isEqualTo(4);
        assertThat(batch.length()).isEqualTo(4);
    }

    @Test
    void givenRowsOfDifferentLengths_whenBuiltDirectly_thenTheErrorSaysToPad() {
        assertThatThrownBy(() -> TrainBatch.of(new int[][] {{1, 2, 3}, {1, 2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pad them");
    }
}
