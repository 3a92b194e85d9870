package medstream.lm.model;

import static medstream.lm.model.HfCausalLmTest.assertClose;
import static medstream.lm.model.HfCausalLmTest.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HostTensor;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.TrainBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoRA on the Qwen2 / Llama decoder: neutral when fresh, trains only adapters, merges without changing outputs. */
class HfCausalLmLoraTest {

    @TempDir
    Path dir;

    @Test
    void givenFreshAdapters_whenEnabled_thenLogitsAreUnchangedAndOnlyAdaptersAreTrainable() {
        HfConfig config = TinyHfCheckpoints.llama(false);
        int[] ids = tokens(31, 12);
        try (HfCausalLm lm = HfCausalLm.fromTensors(config, TinyHfCheckpoints.randomTensors(config, 32), Device.cpu())) {
            float[][] before = lm.logits(ids);
            lm.enableLora(new LoraConfig(4, 8, List.of("q", "v", "mlp_in")));
            assertClose(lm.logits(ids), before, 0);
            // per layer: q, v, gate, up -> 4 adapters of 2 matrices, 2 layers
            assertThat(lm.trainableParameters()).hasSize(16)
                    .containsKey("model.layers.1.mlp.up_proj.lora_b")
                    .containsKey("model.layers.0.self_attn.q_proj.lora_a");
            assertThat(lm.trainableParameters().get("model.layers.0.self_attn.q_proj.lora_a").getShape().getShape())
                    .containsExactly(4, config.hiddenSize());
        }
    }

    @Test
    void givenLoraTraining_whenMerged_thenTheBaseMovedOnlyThroughTheMergeAndLogitsAreKept() throws Exception {
        HfConfig config = TinyHfCheckpoints.qwen2(true);
        int[][] rows = {tokens(33, 17), tokens(34, 17)};
        try (HfCausalLm lm = HfCausalLm.fromTensors(config, TinyHfCheckpoints.randomTensors(config, 35), Device.cpu())) {
            Map<String, HostTensor> base = lm.toTensors();
            lm.enableLora(new LoraConfig(8, 16, List.of("q", "k", "v", "o", "mlp_in", "mlp_out")));
            double initial;
            double trained;
            try (LmTrainer trainer = new LmTrainer(lm, OptimizerConfig.defaults(), LrSchedule.constant(1e-2, 0))) {
                TrainBatch batch = TrainBatch.of(rows);
                initial = trainer.evaluate(batch);
                for (int step = 0; step < 30; step++) {
                    trainer.step(batch);
                }
                trained = trainer.evaluate(batch);
            }
            assertThat(trained).isLessThan(initial * 0.5);
            assertThat(lm.toTensors()).isEqualTo(base); // the base is frozen
            assertThatThrownBy(() -> lm.save(dir, DType.F32, Long.MAX_VALUE)).hasMessageContaining("mergeLora");
            float[][] adapted = lm.logits(rows[0]);
            lm.mergeLora();
            assertClose(lm.logits(rows[0]), adapted, 1e-3);
            assertThat(lm.toTensors()).isNotEqualTo(base);
            assertThat(lm.trainableParameters()).containsKey("model.embed_tokens.weight");
            lm.save(dir, DType.F32, Long.MAX_VALUE);
        }
    }
}
