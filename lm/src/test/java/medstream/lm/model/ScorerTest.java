package medstream.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import medstream.lm.Score;
import medstream.lm.Scorer;
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
    void givenPromptsOfDifferentLengthsAndOptionsOf1To3Tokens_whenScoredTogether_thenEachEqualsTheOnePromptAndPairwiseScores() {
        Random random = new Random(14);
        int ctx = model.contextLength();
        List<int[]> prompts = new ArrayList<>();
        List<List<int[]>> options = new ArrayList<>();
        int[] lengths = {1, 23, 5, ctx + 30, 12, ctx - 1, 2, ctx + 3};
        for (int i = 0; i < lengths.length; i++) {
            prompts.add(TinyModels.randomTokens(random, lengths[i]));
            List<int[]> mine = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mine.add(TinyModels.randomTokens(random, 1 + random.nextInt(3)));
            }
            if (i == 3) {
                mine.add(new int[] {7, 8, 9}); // the over-long prompt loses 2 more tokens than with single-token options
            }
            options.add(mine);
        }

        // 3 rows per pass: the prompts take three prefix passes with different padding
        List<List<Score>> batched = model.scorer(3).scoreOptions(prompts, options);

        assertThat(batched).hasSize(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            List<int[]> mine = options.get(i);
            List<Score> onePrompt = model.scorer().scoreOptions(prompts.get(i), mine);
            int longest = mine.stream().mapToInt(o -> o.length).max().orElseThrow();
            int[] kept = Tokens.tail(prompts.get(i), ctx - (longest - 1));
            assertThat(batched.get(i)).hasSize(mine.size());
            for (int k = 0; k < mine.size(); k++) {
                Score score = batched.get(i).get(k);
                double pairwise = Reference.logLikelihood(model, kept, mine.get(k));
                assertThat(score.tokenCount()).isEqualTo(mine.get(k).length);
                assertThat(score.sumLogProb()).as("prompt %d option %d vs one-prompt", i, k)
                        .isCloseTo(onePrompt.get(k).sumLogProb(), within(1e-4));
                assertThat(score.sumLogProb()).as("prompt %d option %d vs pairwise", i, k).isCloseTo(pairwise, within(1e-4));
                assertThat(score.sumLogProb()).isNegative();
            }
        }
    }

    @Test
    void givenMoreOptionTokensThanTheContext_whenScoredTogether_thenTheSplitRowsStillMatchThePairwiseScores() {
        Random random = new Random(15);
        int ctx = model.contextLength();
        int[] first = TinyModels.randomTokens(random, 9);
        int[] second = TinyModels.randomTokens(random, 30);
        // 5 options of ctx/3 tokens pack into more than a context's worth of columns: two rows share a cache row
        List<int[]> many = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            many.add(TinyModels.randomTokens(random, ctx / 3));
        }
        List<int[]> few = List.of(new int[] {4, 5}, new int[] {6});

        List<List<Score>> batched = model.scorer(2).scoreOptions(List.of(first, second), List.of(many, few));

        for (int k = 0; k < many.size(); k++) {
            int[] kept = Tokens.tail(first, ctx - (ctx / 3 - 1));
            assertThat(batched.get(0).get(k).sumLogProb()).as("option %d", k)
                    .isCloseTo(Reference.logLikelihood(model, kept, many.get(k)), within(1e-4));
        }
        for (int k = 0; k < few.size(); k++) {
            assertThat(batched.get(1).get(k).sumLogProb())
                    .isCloseTo(Reference.logLikelihood(model, second, few.get(k)), within(1e-4));
        }
    }

    @Test
    void givenAScorerWithoutABatchedPath_whenScoringManyPrompts_thenTheDefaultGivesTheSameScores() {
        Random random = new Random(16);
        List<int[]> prompts = List.of(TinyModels.randomTokens(random, 4), TinyModels.randomTokens(random, 19));
        List<List<int[]>> options = List.of(List.of(new int[] {1, 2}, new int[] {3}), List.of(new int[] {5, 6, 7}));
        Scorer inner = model.scorer();
        Scorer oneAtATime = new Scorer() {
            @Override
            public List<Score> score(List<int[]> p, List<int[]> c) {
                return inner.score(p, c);
            }

            @Override
            public List<Score> scoreOptions(int[] prompt, List<int[]> o) {
                return inner.scoreOptions(prompt, o);
            }
        };

        List<List<Score>> expected = oneAtATime.scoreOptions(prompts, options);
        List<List<Score>> batched = inner.scoreOptions(prompts, options);

        for (int i = 0; i < prompts.size(); i++) {
            for (int k = 0; k < options.get(i).size(); k++) {
                assertThat(batched.get(i).get(k).sumLogProb()).isCloseTo(expected.get(i).get(k).sumLogProb(), within(1e-4));
            }
        }
    }

    @Test
    void givenAPromptWithoutOptionsOrMismatchedLists_whenScoredTogether_thenItGetsNoScoresOrAClearError() {
        List<List<Score>> scores = model.scorer().scoreOptions(List.of(new int[] {1}, new int[] {2, 3}),
                List.of(List.of(), List.of(new int[] {4})));

        assertThat(scores.get(0)).isEmpty();
        assertThat(scores.get(1)).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> model.scorer().scoreOptions(List.of(new int[] {1}), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one list of options per prompt");
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
