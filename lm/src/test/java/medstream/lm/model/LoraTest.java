package medstream.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import medstream.lm.testing.TinyModels;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.TrainBatch;
import org.junit.jupiter.api.Test;

class LoraTest {

    private static final int[] PROBE = {5, 6, 7, 8, 30, 31, 2, 9, 10};

    @Test
    void givenFreshAdaptersWithZeroB_whenForward_thenTheOutputEqualsTheBaseModel() {
        try (CausalLm model = TinyModels.trained(3)) {
            float[][] base = model.logits(PROBE);
            model.enableLora(LoraConfig.of(4, 8, "q,k,v,o,mlp_in,mlp_out"));
            float[][] adapted = model.logits(PROBE);
            for (int t = 0; t < PROBE.length; t++) {
                assertThat(adapted[t]).containsExactly(base[t]);
            }
        }
    }

    @Test
    void givenLoraTraining_whenStepping_thenOnlyAdapterParametersChangeAndCarryOptimizerState() {
        try (CausalLm model = TinyModels.trained(3)) {
            Map<String, float[]> before = snapshot(model);
            model.enableLora(LoraConfig.of(4, 8, "q,v,mlp_out"));
            try (LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), LrSchedule.constant(1e-2, 0))) {
                assertThat(trainer.optimizer().parameterNames())
                        .allMatch(n -> n.endsWith(".lora_a") || n.endsWith(".lora_b"))
                        .hasSize(2 * 3 * model.config().layers());
                Random random = new Random(8);
                for (int i = 0; i < 3; i++) {
                    trainer.step(TrainBatch.of(TinyModels.countingBatch(random, 4, 17)));
                }
            }
            Map<String, float[]> after = snapshot(model);
            for (Map.Entry<String, float[]> e : before.entrySet()) {
                assertThat(after.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
            }
            assertThat(after.get("h.0.attn.q.lora_b")).isNotEqualTo(new float[after.get("h.0.attn.q.lora_b").length]);
            assertThat(after).doesNotContainKey("h.0.attn.k.lora_a");
        }
    }

    @Test
    void givenTrainedAdapters_whenMerged_thenOutputsEqualTheUnmergedModelAndTheBaseIsTrainableAgain() {
        try (CausalLm model = TinyModels.trained(3)) {
            model.enableLora(LoraConfig.of(2, 4, "q,k,v,o,mlp_in,mlp_out"));
            try (LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), LrSchedule.constant(1e-2, 0))) {
                Random random = new Random(9);
                for (int i = 0; i < 3; i++) {
                    trainer.step(TrainBatch.of(TinyModels.countingBatch(random, 4, 17)));
                }
            }
            float[][] unmerged = model.logits(PROBE);
            model.mergeLora();
            float[][] merged = model.logits(PROBE);
            for (int t = 0; t < PROBE.length; t++) {
                for (int v = 0; v < TinyModels.VOCAB; v++) {
                    assertThat(merged[t][v]).isCloseTo(unmerged[t][v], within(1e-4f));
                }
            }
            assertThat(model.loraConfig()).isEmpty();
            assertThat(model.trainableParameters()).containsKey("wte").doesNotContainKey("h.0.attn.q.lora_a");
        }
    }

    @Test
    void givenUnknownTarget_whenConfigured_thenTheErrorListsTheValidOnes() {
        assertThatThrownBy(() -> LoraConfig.of(4, 8, "q,attn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attn")
                .hasMessageContaining("mlp_in");
    }

    private static Map<String, float[]> snapshot(CausalLm model) {
        Map<String, float[]> out = new HashMap<>();
        model.parameters().forEach((name, array) -> out.put(name, array.toFloatArray()));
        return out;
    }
}
