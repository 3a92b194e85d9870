package medstream.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import medstream.lm.GenerationConfig;
import medstream.lm.testing.Reference;
import medstream.lm.testing.TinyModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static final List<int[]> PROMPTS = List.of(
            new int[] {3, 4, 5, 6, 7, 8, 9, 10, 11}, new int[] {20}, new int[] {40, 41, 42, 43}, new int[] {7, 30, 2});

    private static CausalLm model;

    @BeforeAll
    static void trainModel() {
        model = TinyModels.trained(40);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void givenPromptsOfDifferentLengths_whenDecodingGreedilyWithAndWithoutTheCache_thenTheTokensAreTheSame() {
        GenerationConfig config = GenerationConfig.greedy(12, -1);

        List<int[]> cached = model.generator().generate(PROMPTS, config);
        List<int[]> recomputed = model.generator().generate(PROMPTS, config.withCache(false));

        assertThat(cached).hasSize(PROMPTS.size());
        for (int r = 0; r < PROMPTS.size(); r++) {
            assertThat(cached.get(r)).as("row %d", r).hasSize(12).containsExactly(recomputed.get(r));
        }
    }

    @Test
    void givenABatchWithPadding_whenDecodingGreedily_thenEachRowMatchesDecodingItAloneWithoutPadding() {
        List<int[]> batched = model.generator().generate(PROMPTS, GenerationConfig.greedy(8, -1));
        for (int r = 0; r < PROMPTS.size(); r++) {
            assertThat(batched.get(r)).as("row %d", r).containsExactly(Reference.greedy(model, PROMPTS.get(r), 8));
        }
    }

    @Test
    void givenTheLearnedCountingPattern_whenDecodingGreedily_thenTheModelContinuesTheCount() {
        int[] out = model.generator().generate(List.of(new int[] {21, 22, 23, 24, 25}), GenerationConfig.greedy(3, -1))
                .get(0);
        assertThat(out).containsExactly(26, 27, 28);
    }

    @Test
    void givenAStopToken_whenARowEmitsIt_thenThatRowEndsWithItAndOthersContinue() {
        List<int[]> free = model.generator().generate(PROMPTS, GenerationConfig.greedy(6, -1));
        int stop = free.get(0)[2];

        List<int[]> stopped = model.generator().generate(PROMPTS, GenerationConfig.greedy(6, stop));

        assertThat(stopped.get(0)).containsExactly(free.get(0)[0], free.get(0)[1], stop);
        for (int r = 1; r < PROMPTS.size(); r++) {
            int[] expected = free.get(r);
            int end = 0;
            while (end < expected.length && expected[end] != stop) {
                end++;
            }
            assertThat(stopped.get(r)).containsExactly(java.util.Arrays.copyOf(expected, Math.min(expected.length, end + 1)));
        }
    }

    @Test
    void givenASeed_whenSampling_thenTheSameSeedRepeatsAndTopOneEqualsGreedy() {
        GenerationConfig sampling = GenerationConfig.sampling(10, 1.5, 20, 42, -1);
        List<int[]> a = model.generator().generate(PROMPTS, sampling);
        List<int[]> b = model.generator().generate(PROMPTS, sampling);
        List<int[]> c = model.generator().generate(PROMPTS, GenerationConfig.sampling(10, 1.5, 0, 43, -1));
        for (int r = 0; r < PROMPTS.size(); r++) {
            assertThat(a.get(r)).containsExactly(b.get(r));
        }
        assertThat(a.stream().map(java.util.Arrays::toString).toList())
                .isNotEqualTo(c.stream().map(java.util.Arrays::toString).toList());

        List<int[]> topOne = model.generator().generate(PROMPTS, GenerationConfig.sampling(10, 1.0, 1, 5, -1));
        List<int[]> greedy = model.generator().generate(PROMPTS, GenerationConfig.greedy(10, -1));
        for (int r = 0; r < PROMPTS.size(); r++) {
            assertThat(topOne.get(r)).containsExactly(greedy.get(r));
        }
    }

    @Test
    void givenMoreNewTokensThanTheContext_whenGenerating_thenTheErrorExplains() {
        assertThatThrownBy(() -> model.generator().generate(PROMPTS, GenerationConfig.greedy(model.contextLength(), -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaves no room for a prompt");
    }
}
