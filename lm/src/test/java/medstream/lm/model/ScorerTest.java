package medstream.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import medstream.lm.Score;
import medstream.lm.testing.Reference;
import medstream.lm.testing.TinyModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private static CausalLm model;

    @BeforeAll
    static void trainModel() {
        model = TinyModels.trained(20);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void givenPairsOfDifferentLengths_whenScoredInPaddedBatches_thenEachMatchesAOneAtATimeRecomputation() {
        Random random = new Random(11);
        List<int[]> prompts = new ArrayList<>();
        List<int[]> continuations = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            prompts.add(TinyModels.randomTokens(random, 1 + random.nextInt(20)));
            continuations.add(TinyModels.randomTokens(random, 1 + random.nextInt(8)));
        }

        List<Score> scores = model.scorer(3).score(prompts, continuations);

        for (int i = 0; i < prompts.size(); i++) {
            double expected = Reference.logLikelihood(model, prompts.get(i), continuations.get(i));
            assertThat(scores.get(i).sumLogProb()).as("pair %d", i).isCloseTo(expected, within(1e-4));
            assertThat(scores.get(i).tokenCount()).isEqualTo(continuations.get(i).length);
            assertThat(scores.get(i).sumLogProb()).isNegative();
        }
    }

    @Test
    void givenASharedPrompt_whenOptionsAreScoredFromItsCache_thenEachMatchesAOneAtATimeRecomputation() {
        Random random = new Random(12);
        int[] prompt = TinyModels.randomTokens(random, 17);
        List<int[]> options = List.of(new int[] {5}, new int[] {6, 7}, TinyModels.randomTokens(random, 5),
                new int[] {9, 9, 9}, TinyModels.randomTokens(random, 2));

        List<Score> scores = model.scorer(2).scoreOptions(prompt, options);

        for (int i = 0; i < options.size(); i++) {
            double expected = Reference.logLikelihood(model, prompt, options.get(i));
            assertThat(scores.get(i).sumLogProb()).as("option %d", i).isCloseTo(expected, within(1e-4));
            assertThat(scores.get(i).tokenCount()).isEqualTo(options.get(i).length);
        }
        List<Score> oneBatch = model.scorer(16).scoreOptions(prompt, options);
        for (int i = 0; i < options.size(); i++) {
            assertThat(oneBatch.get(i).sumLogProb()).isCloseTo(scores.get(i).sumLogProb(), within(1e-5));
        }
    }

    @Test
    void givenAPromptLongerThanTheContext_whenScored_thenTheOldestPromptTokensAreDropped() {
        Random random = new Random(13);
        int ctx = model.contextLength();
        int[] prompt = TinyModels.randomTokens(random, ctx + 30);
        int[] continuation = {1, 2, 3, 4};
        int[] kept = java.util.Arrays.copyOfRange(prompt, prompt.length - (ctx - continuation.length + 1), prompt.length);

        double batched = model.scorer().score(List.of(prompt), List.of(continuation)).get(0).sumLogProb();
        double shared = model.scorer().scoreOptions(prompt, List.of(continuation)).get(0).sumLogProb();

        double expected = Reference.logLikelihood(model, kept, continuation);
        assertThat(batched).isCloseTo(expected, within(1e-4));
        assertThat(shared).isCloseTo(expected, within(1e-4));
    }

    @Test
    void givenTheLearnedCountingPattern_whenRankingOptions_thenTheNextNumberWins() {
        int[] prompt = {10, 11, 12, 13, 14, 15};
        List<Score> scores = model.scorer().scoreOptions(prompt, List.of(new int[] {30, 31}, new int[] {16, 17},
                new int[] {3, 2}));
        assertThat(scores.get(1).meanLogProb()).isGreaterThan(scores.get(0).meanLogProb())
                .isGreaterThan(scores.get(2).meanLogProb());
        assertThat(scores.get(1).perplexity()).isLessThan(scores.get(0).perplexity());
    }
}
