package medstream.lm.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import medstream.lm.GenerationConfig;
import medstream.lm.Score;
import medstream.lm.Scorer;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfReference;
import medstream.lm.hf.HostTensor;
import medstream.lm.hf.TinyHfCheckpoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Qwen2 / Llama decoder against the double-precision reference, and its cache, scoring and masks. */
class HfCausalLmTest {

    static final double TOLERANCE = 1e-4;

    static Stream<HfConfig> configs() {
        return Stream.of(TinyHfCheckpoints.qwen2(true), TinyHfCheckpoints.qwen2(false), TinyHfCheckpoints.llama(true),
                TinyHfCheckpoints.llama(false));
    }

    static HfCausalLm model(HfConfig config, Map<String, HostTensor> tensors) {
        return HfCausalLm.fromTensors(config, tensors, Device.cpu());
    }

    static int[] tokens(long seed, int length) {
        Random random = new Random(seed);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(TinyHfCheckpoints.VOCAB);
        }
        return ids;
    }

    static void assertClose(float[][] actual, double[][] expected, double tolerance) {
        for (int t = 0; t < expected.length; t++) {
            for (int v = 0; v < expected[t].length; v++) {
                assertThat((double) actual[t][v]).as("position %d, token %d", t, v)
                        .isCloseTo(expected[t][v], org.assertj.core.data.Offset.offset(tolerance));
            }
        }
    }

    static void assertClose(float[][] actual, float[][] expected, double tolerance) {
        double[][] e = new double[expected.length][];
        for (int t = 0; t < e.length; t++) {
            e[t] = new double[expected[t].length];
            for (int v = 0; v < e[t].length; v++) {
                e[t][v] = expected[t][v];
            }
        }
        assertClose(actual, e, tolerance);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void givenRandomWeights_whenRunInDjl_thenLogitsMatchTheDoubleReference(HfConfig config) {
        Map<String, HostTensor> weights = TinyHfCheckpoints.randomTensors(config, 11);
        int[] ids = tokens(3, 24);
        try (HfCausalLm lm = model(config, weights)) {
            double[][] expected = new HfReference(config, weights).logits(ids);
            assertClose(lm.logits(ids), expected, TOLERANCE);
            // the test can fail: the logits vary by far more than the tolerance
            assertThat(Math.abs(expected[5][7] - expected[6][7])).isGreaterThan(1e-2);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void givenALaterTokenChanged_whenRun_thenEarlierLogitsAreUnchanged(HfConfig config) {
        int[] ids = tokens(5, 20);
        int[] changed = ids.clone();
        changed[12] = (changed[12] + 1) % TinyHfCheckpoints.VOCAB;
        try (HfCausalLm lm = model(config, TinyHfCheckpoints.randomTensors(config, 12))) {
            float[][] a = lm.logits(ids);
            float[][] b = lm.logits(changed);
            for (int t = 0; t < 12; t++) {
                assertThat(b[t]).containsExactly(a[t], org.assertj.core.data.Offset.offset(1e-5f));
            }
            assertThat(Math.abs(a[12][0] - b[12][0]) + Math.abs(a[13][1] - b[13][1])).isGreaterThan(1e-3f);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void givenTokensFedThroughTheCache_whenDecoding_thenEveryStepEqualsTheFullForward(HfConfig config) {
        int[] ids = tokens(7, 16);
        try (HfCausalLm lm = model(config, TinyHfCheckpoints.randomTensors(config, 13))) {
            float[][] full = lm.logits(ids);
            try (NoGrad ignored = NoGrad.enter(); NDManager scope = lm.openScope()) {
                KvCache cache = new KvCache(lm.layers(), null);
                // a 6-token chunk first (with its causal mask), then one token at a time
                NDArray x = scope.create(CausalLm.toLongs(java.util.Arrays.copyOf(ids, 6)), new Shape(1, 6));
                NDArray pos = scope.arange(0, 6, 1, ai.djl.ndarray.types.DataType.INT64).expandDims(0);
                float[] chunk = lm.logits(lm.hidden(x, pos, lm.causalMask(6), cache, false)).toFloatArray();
                float[][] rows = new float[6][];
                for (int t = 0; t < 6; t++) {
                    rows[t] = java.util.Arrays.copyOfRange(chunk, t * lm.vocabSize(), (t + 1) * lm.vocabSize());
                }
                assertClose(rows, java.util.Arrays.copyOf(full, 6), 1e-4);
                for (int t = 6; t < ids.length; t++) {
                    NDArray one = scope.create(new long[] {ids[t]}, new Shape(1, 1));
                    NDArray at = scope.create(new long[] {t}, new Shape(1, 1));
                    float[] step = lm.logits(lm.hidden(one, at, null, cache, false)).toFloatArray();
                    assertClose(new float[][] {step}, new float[][] {full[t]}, 1e-4);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void givenOptionsAfterOnePrompt_whenScoredWithPrefixReuse_thenScoresEqualScoringEachFullSequence(
            HfConfig config) {
        int[] prompt = tokens(9, 14);
        List<int[]> options = List.of(tokens(1, 1), tokens(2, 3), tokens(4, 5), tokens(6, 2));
        try (HfCausalLm lm = model(config, TinyHfCheckpoints.randomTensors(config, 14))) {
            Scorer scorer = lm.scorer();
            List<Score> reused = scorer.scoreOptions(prompt, options);
            List<Score> full = scorer.score(List.of(prompt, prompt, prompt, prompt), options);
            List<List<Score>> batched = scorer.scoreOptions(List.of(prompt, tokens(8, 5)),
                    List.of(options, options));
            for (int i = 0; i < options.size(); i++) {
                assertThat(reused.get(i).sumLogProb()).isCloseTo(full.get(i).sumLogProb(),
                        org.assertj.core.data.Offset.offset(1e-4));
                assertThat(batched.get(0).get(i).sumLogProb()).isCloseTo(full.get(i).sumLogProb(),
                        org.assertj.core.data.Offset.offset(1e-4));
            }
            assertThat(reused.get(1).sumLogProb()).isNotCloseTo(reused.get(2).sumLogProb(),
                    org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void givenPromptsOfDifferentLengths_whenGeneratedAsOneLeftPaddedBatch_thenEachEqualsItsSingleRun(
            HfConfig config) {
        List<int[]> prompts = List.of(tokens(21, 3), tokens(22, 9), tokens(23, 6));
        GenerationConfig greedy = GenerationConfig.greedy(8, -1);
        try (HfCausalLm lm = model(config, TinyHfCheckpoints.randomTensors(config, 15))) {
            List<int[]> batched = lm.generator().generate(prompts, greedy);
            List<int[]> uncached = lm.generator().generate(prompts, greedy.withCache(false));
            for (int i = 0; i < prompts.size(); i++) {
                int[] alone = lm.generator().generate(List.of(prompts.get(i)), greedy).get(0);
                assertThat(batched.get(i)).containsExactly(alone);
                assertThat(uncached.get(i)).containsExactly(alone);
                // greedy continuation agrees with the reference's argmax after the prompt
                assertThat(alone[0]).isEqualTo(argmax(lm.logits(prompts.get(i))[prompts.get(i).length - 1]));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void givenKvHeadsShared_whenComparedWithMhaOfRepeatedKvWeights_thenLogitsAreEqual(HfConfig config) {
        Map<String, HostTensor> gqa = TinyHfCheckpoints.randomTensors(config, 16);
        HfConfig mha = config.withKvHeads(config.heads());
        int group = config.heads() / config.kvHeads();
        int rowsPerHead = config.headDim();
        Map<String, HostTensor> repeated = new LinkedHashMap<>(gqa);
        gqa.forEach((name, t) -> {
            if (name.contains("k_proj") || name.contains("v_proj")) {
                long cols = t.shape().length > 1 ? t.shape()[1] : 1;
                int headBlock = (int) (rowsPerHead * cols);
                float[] out = new float[t.data().length * group];
                for (int h = 0; h < config.heads(); h++) {
                    // query head h reads KV head h / group, as HF's repeat_kv lays the copies out
                    System.arraycopy(t.data(), (h / group) * headBlock, out, h * headBlock, headBlock);
                }
                long[] shape = t.shape().clone();
                shape[0] *= group;
                repeated.put(name, new HostTensor(shape, out));
            }
        });
        int[] ids = tokens(17, 12);
        try (HfCausalLm a = model(config, gqa); HfCausalLm b = model(mha, repeated)) {
            assertClose(b.logits(ids), a.logits(ids), 1e-5);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void givenAnUntiedHeadEqualToTheEmbedding_whenRun_thenLogitsEqualTheTiedModel(HfConfig config) {
        HfConfig tied = config.withTiedEmbeddings(true);
        Map<String, HostTensor> weights = TinyHfCheckpoints.randomTensors(tied, 18);
        Map<String, HostTensor> untiedWeights = new LinkedHashMap<>(weights);
        untiedWeights.put("lm_head.weight", weights.get("model.embed_tokens.weight"));
        int[] ids = tokens(19, 10);
        try (HfCausalLm a = model(tied, weights); HfCausalLm b = model(tied.withTiedEmbeddings(false), untiedWeights)) {
            assertClose(b.logits(ids), a.logits(ids), 0);
        }
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
