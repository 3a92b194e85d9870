package medstream.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import medstream.contracts.EvalItem;
import medstream.contracts.EvalResult;
import medstream.contracts.Option;
import medstream.lm.Score;
import medstream.lm.Scorer;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.trainer.config.TrainingHyperparameters.EvalConfig;
import medstream.trainer.testing.TestTokenizers;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private final BpeTokenizer tok = TestTokenizers.tiny();

    @Test
    void givenItemsOfEveryKind_whenSelected_thenPubmedqaDevAndSortedMcqSlicesAreKept() {
        List<EvalItem> all = List.of(item("pubmedqa", "dev", "p2", "yes"), item("pubmedqa", "test", "p1", "yes"),
                item("pubmedqa", "dev", "p1", "no"), item("medqa", "test", "m3", "A"), item("medqa", "test", "m1", "B"),
                item("medqa", "test", "m2", "A"), item("medmcqa", "dev", "c1", null), item("mmlu", "test", "x1", "A"));

        Map<String, List<EvalItem>> selected = Evaluator.select(all, new EvalConfig(0, 2, true));

        assertThat(selected).containsOnlyKeys("pubmedqa", "medqa");
        assertThat(selected.get("pubmedqa")).extracting(EvalItem::getId).containsExactly("p1", "p2");
        assertThat(selected.get("medqa")).extracting(EvalItem::getId).containsExactly("m1", "m2");
    }

    @Test
    void givenAScorerThatPrefersOneOption_whenEvaluated_thenAccuracyAndPerClassCountsFollowItsPredictions() {
        int context = 64;
        List<EvalItem> items = List.of(item("pubmedqa", "dev", "a", "yes"), item("pubmedqa", "dev", "b", "no"),
                item("pubmedqa", "dev", "c", "yes"));
        List<String> continuations = new ArrayList<>();
        // Prefers " yes" always, and checks every prompt leaves room for the longest option.
        Scorer prefersYes = new Scorer() {
            @Override
            public List<Score> score(List<int[]> prompts, List<int[]> options) {
                throw new UnsupportedOperationException("the evaluator ranks options with scoreOptions");
            }

            @Override
            public List<Score> scoreOptions(int[] prompt, List<int[]> options) {
                List<Score> out = new ArrayList<>();
                for (int[] o : options) {
                    assertThat(prompt.length + o.length).isLessThanOrEqualTo(context);
                    String text = tok.decode(o);
                    continuations.add(text);
                    out.add(new Score(text.equals(" yes") ? -1.0 : -2.0 * o.length, o.length));
                }
                return out;
            }
        };

        EvalResult r = Evaluator.evaluate(prefersYes, tok, context, "pubmedqa", items, "s3-v0001", 3);

        assertThat(continuations).contains(" yes", " no", " maybe");
        assertThat(r.getN()).isEqualTo(3);
        assertThat(r.getAccuracy()).isEqualTo(2.0 / 3);
        assertThat(r.getPerClass()).containsEntry("pred:yes", 3L).containsEntry("gold:yes", 2L)
                .containsEntry("gold:no", 1L).containsEntry("correct:yes", 2L).doesNotContainKey("correct:no");
        assertThat(r.getModelVersion()).isEqualTo("s3-v0001");
        assertThat(r.getStage()).isEqualTo(3);
    }

    @Test
    void givenARealModel_whenItemsAreScoredEightPerCallOrOneByOne_thenScoresAndPredictionsAgree() throws Exception {
        // Items with prompts of different lengths (padding in the batched pass) and 2 or 3 options.
        List<EvalItem> items = new ArrayList<>();
        String[] answers = {"yes", "no", "maybe", "yes", "no"};
        for (int i = 0; i < 11; i++) {
            EvalItem base = item(i % 3 == 0 ? "medqa" : "pubmedqa", "dev", "q" + i, i % 3 == 0 ? "A" : answers[i % 5]);
            items.add(EvalItem.newBuilder(base).setContext("Metformin lowers hepatic glucose output. ".repeat(1 + i * 3)).build());
        }
        List<List<Double>> perItem = new ArrayList<>();
        List<List<Double>> batched = new ArrayList<>();
        EvalResult[] results = new EvalResult[2];
        // On a fresh thread: PyTorch on the main thread is slow here (trainer-consumer/README.md).
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            ex.submit(() -> {
                try (CausalLm model = CausalLm.create(ModelConfig.tiny(tok.vocabSize()), Device.cpu())) {
                    results[0] = Evaluator.evaluate(recording(model.scorer(), perItem), tok, model.contextLength(), "mixed",
                            items, "v", 3, 1);
                    results[1] = Evaluator.evaluate(recording(model.scorer(), batched), tok, model.contextLength(), "mixed",
                            items, "v", 3, 8);
                }
                return null;
            }).get();
        } finally {
            ex.shutdownNow();
        }

        assertThat(batched).hasSameSizeAs(perItem).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            for (int o = 0; o < perItem.get(i).size(); o++) {
                assertThat(batched.get(i).get(o)).as("item %d option %d", i, o).isCloseTo(perItem.get(i).get(o), within(1e-4));
            }
        }
        assertThat(results[1].getAccuracy()).isEqualTo(results[0].getAccuracy());
        assertThat(results[1].getPerClass()).isEqualTo(results[0].getPerClass());
    }

    @Test
    void givenNoItemsWhenTheTrainerStarted_whenItemsAreRegisteredLater_thenTheNextVersionIsEvaluatedOnThem() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, List<EvalItem>> later = Map.of("pubmedqa", List.of(item("pubmedqa", "dev", "q1", "yes"),
                item("pubmedqa", "dev", "q2", "no")));
        Evaluator evaluator = Evaluator.reloading(new EvalConfig(100, 50, true),
                () -> reads.incrementAndGet() == 1 ? Map.of() : later);
        List<List<EvalResult>> rounds = new ArrayList<>();
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            ex.submit(() -> {
                try (CausalLm model = CausalLm.create(ModelConfig.tiny(tok.vocabSize()), Device.cpu())) {
                    rounds.add(evaluator.evaluate(model, tok, "s1-v1", 1));
                    rounds.add(evaluator.evaluate(model, tok, "s1-v2", 1));
                }
                return null;
            }).get();
        } finally {
            ex.shutdownNow();
        }

        assertThat(evaluator.items()).isEqualTo(later);
        assertThat(rounds.get(0)).singleElement().satisfies(r -> assertThat(r.getN()).isEqualTo(2));
        assertThat(rounds.get(1)).singleElement().satisfies(r -> assertThat(r.getModelVersion()).isEqualTo("s1-v2"));
        assertThat(reads.get()).as("read at start, again once before the first evaluation, then never").isEqualTo(2);
    }

    /** A scorer that records every option's mean log-probability, per prompt, whichever method is called. */
    private static Scorer recording(Scorer inner, List<List<Double>> out) {
        return new Scorer() {
            @Override
            public List<Score> score(List<int[]> prompts, List<int[]> continuations) {
                throw new UnsupportedOperationException("the evaluator ranks options with scoreOptions");
            }

            @Override
            public List<Score> scoreOptions(int[] prompt, List<int[]> options) {
                List<Score> s = inner.scoreOptions(prompt, options);
                out.add(s.stream().map(Score::meanLogProb).toList());
                return s;
            }

            @Override
            public List<List<Score>> scoreOptions(List<int[]> prompts, List<List<int[]>> options) {
                List<List<Score>> s = inner.scoreOptions(prompts, options);
                s.forEach(one -> out.add(one.stream().map(Score::meanLogProb).toList()));
                return s;
            }
        };
    }

    private static EvalItem item(String benchmark, String split, String id, String answer) {
        List<Option> options = benchmark.equals("pubmedqa")
                ? List.of(new Option("yes", "yes"), new Option("no", "no"), new Option("maybe", "maybe"))
                : List.of(new Option("A", "Aspirin"), new Option("B", "Metformin"));
        return EvalItem.newBuilder().setId(id).setBenchmark(benchmark).setSplit(split)
                .setQuestion("Does aspirin reduce platelet aggregation in patients with " + id + "?")
                .setContext("Aspirin irreversibly inhibits cyclooxygenase. ".repeat(20)).setOptions(options)
                .setAnswer(answer).build();
    }
}
