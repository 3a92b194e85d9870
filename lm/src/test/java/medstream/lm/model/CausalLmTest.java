package medstream.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import medstream.lm.testing.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausalLmTest {

    @Test
    void givenTinyModel_whenForward_thenLogitsAreBatchByTimeByVocabAndFinite() {
        try (CausalLm model = TinyModels.fresh();
                NoGrad ignored = NoGrad.enter();
                NDManager scope = model.openScope()) {
            NDArray x = scope.create(new long[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray logits = model.forwardLogits(x, false);
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 3, TinyModels.VOCAB));
            for (float f : logits.toFloatArray()) {
                assertThat(Float.isFinite(f)).isTrue();
            }
        }
    }

    @Test
    void givenCausalModel_whenALaterTokenChanges_thenEarlierLogitsDoNotChange() {
        try (CausalLm model = TinyModels.trained(5)) {
            float[][] a = model.logits(new int[] {3, 4, 5, 6, 7, 8});
            float[][] b = model.logits(new int[] {3, 4, 5, 40, 41, 42});
            for (int t = 0; t < 3; t++) {
                for (int v = 0; v < TinyModels.VOCAB; v++) {
                    assertThat(b[t][v]).isCloseTo(a[t][v], within(1e-5f));
                }
            }
            assertThat(b[3][0]).isNotCloseTo(a[3][0], within(1e-6f));
        }
    }

    @Test
    void givenSameSeed_whenCreatedTwice_thenParametersAreIdenticalAndAnotherSeedDiffers() {
        try (CausalLm a = TinyModels.fresh();
                CausalLm b = TinyModels.fresh();
                CausalLm c = CausalLm.create(TinyModels.config().withSeed(99), Device.cpu())) {
            assertThat(a.parameters().get("h.1.attn.q.weight").toFloatArray())
                    .containsExactly(b.parameters().get("h.1.attn.q.weight").toFloatArray());
            assertThat(a.parameters().get("h.1.attn.q.weight").toFloatArray())
                    .isNotEqualTo(c.parameters().get("h.1.attn.q.weight").toFloatArray());
        }
    }

    @Test
    void givenGpt2Init_whenInspected_thenStdsAndCountMatchTheConfig() {
        try (CausalLm model = TinyModels.fresh()) {
            assertThat(model.parameterCount()).isEqualTo(model.config().parameterCount());
            assertThat(std(model.parameters().get("wte").toFloatArray())).isCloseTo(0.02, within(0.002));
            double residual = 0.02 / Math.sqrt(2.0 * model.config().layers());
            assertThat(std(model.parameters().get("h.0.attn.o.weight").toFloatArray())).isCloseTo(residual, within(0.002));
            assertThat(model.parameters().get("h.0.ln1.weight").toFloatArray()).containsOnly(1f);
            assertThat(model.parameters().get("h.0.mlp.in.bias").toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void givenSavedParameters_whenLoaded_thenLogitsAreIdentical(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.safetensors");
        int[] tokens = TinyModels.randomTokens(new Random(1), 20);
        try (CausalLm model = TinyModels.trained(3)) {
            model.saveParameters(file);
            float[][] expected = model.logits(tokens);
            try (CausalLm loaded = CausalLm.loadParameters(model.config(), null, file, Device.cpu())) {
                float[][] actual = loaded.logits(tokens);
                for (int t = 0; t < tokens.length; t++) {
                    assertThat(actual[t]).containsExactly(expected[t]);
                }
            }
        }
    }

    @Test
    void givenParametersOfAnotherShape_whenLoaded_thenTheErrorNamesTheParameter(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.safetensors");
        try (CausalLm model = TinyModels.fresh()) {
            model.saveParameters(file);
        }
        ModelConfig wider = new ModelConfig(TinyModels.VOCAB, 2, 32, 2, 128, 0.0, 1);
        assertThatThrownBy(() -> CausalLm.loadParameters(wider, null, file, Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'wte'")
                .hasMessageContaining("needs (61, 32)");
    }

    @Test
    void givenManyForwardPasses_whenScopesClose_thenNoArrayIsLeftOnTheModel() {
        try (CausalLm model = TinyModels.fresh()) {
            int before = managedArrays(model);
            for (int i = 0; i < 3; i++) {
                model.logits(new int[] {1, 2, 3});
                model.scorer().score(java.util.List.of(new int[] {1, 2}), java.util.List.of(new int[] {3, 4}));
                model.scorer().scoreOptions(new int[] {1, 2}, java.util.List.of(new int[] {3, 4}, new int[] {5}));
                model.generator().generate(java.util.List.of(new int[] {1, 2}, new int[] {3}),
                        medstream.lm.GenerationConfig.greedy(3, -1));
            }
            assertThat(managedArrays(model)).isEqualTo(before);
        }
    }

    @Test
    void givenIdsOutsideTheVocabulary_whenScored_thenTheErrorSaysSo() {
        try (CausalLm model = TinyModels.fresh()) {
            assertThatThrownBy(() -> model.scorer().score(java.util.List.of(new int[] {1, 999}),
                    java.util.List.of(new int[] {2})))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("token id 999");
        }
    }

    private static int managedArrays(CausalLm model) {
        Map<String, NDArray> params = model.parameters();
        NDManager manager = params.get("wte").getManager();
        return manager.getManagedArrays().size();
    }

    private static double std(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        return Math.sqrt(var / values.length);
    }
}
