package medstream.lm.model;

import static medstream.lm.model.HfCausalLmTest.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfReference;
import medstream.lm.hf.HostTensor;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.StepResult;
import medstream.lm.train.TrainBatch;
import org.junit.jupiter.api.Test;

/** The Qwen2 / Llama decoder trains: gradients match finite differences, AdamW overfits a tiny batch. */
class HfCausalLmTrainingTest {

    @Test
    void givenATinyBatch_whenTrainedFortySteps_thenTheLossFallsNearZero() {
        HfConfig config = TinyHfCheckpoints.qwen2(false);
        int[][] rows = new int[4][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = tokens(100 + r, 17);
        }
        try (HfCausalLm lm = HfCausalLm.fromTensors(config, TinyHfCheckpoints.randomTensors(config, 6), Device.cpu());
                LmTrainer trainer = new LmTrainer(lm, OptimizerConfig.defaults(), LrSchedule.constant(1e-2, 0))) {
            TrainBatch batch = TrainBatch.of(rows);
            double initial = trainer.evaluate(batch);
            StepResult last = null;
            for (int step = 0; step < 40; step++) {
                last = trainer.step(batch);
            }
            assertThat(last.skipped()).isFalse();
            double finalLoss = trainer.evaluate(batch);
            assertThat(initial).isGreaterThan(3.0);
            assertThat(finalLoss).isLessThan(0.3).isLessThan(initial / 10);
        }
    }

    @Test
    void givenAFewParameters_whenBackpropagated_thenGradientsMatchCentralDifferencesOfTheReference() {
        HfConfig config = TinyHfCheckpoints.llama(false);
        Map<String, HostTensor> weights = TinyHfCheckpoints.randomTensors(config, 7);
        int[] ids = tokens(8, 12);
        List<String> names = List.of("model.layers.0.self_attn.q_proj.weight", "model.layers.1.self_attn.k_proj.weight",
                "model.layers.0.self_attn.v_proj.weight", "model.layers.1.mlp.gate_proj.weight",
                "model.layers.0.input_layernorm.weight", "model.norm.weight", "lm_head.weight",
                "model.embed_tokens.weight");
        try (HfCausalLm lm = HfCausalLm.fromTensors(config, weights, Device.cpu())) {
            Map<String, float[]> grads = gradients(lm, ids);
            HfReference reference = new HfReference(config, weights);
            double h = 1e-3;
            for (String name : names) {
                float[] data = weights.get(name).data();
                // the embedding row of the first input token, so the entry has a gradient; elsewhere the 5th entry
                int index = name.startsWith("model.embed") ? ids[0] * config.hiddenSize() + 3
                        : name.equals("lm_head.weight") ? ids[5] * config.hiddenSize() + 2 : 5;
                float original = data[index];
                data[index] = (float) (original + h);
                double plus = reference.loss(ids);
                data[index] = (float) (original - h);
                double minus = reference.loss(ids);
                data[index] = original;
                double numeric = (plus - minus) / (2 * h);
                double analytic = grads.get(name)[index];
                assertThat(Math.abs(numeric)).as(name).isGreaterThan(1e-4);
                assertThat(analytic).as(name).isCloseTo(numeric,
                        org.assertj.core.data.Offset.offset(2e-4 + 1e-2 * Math.abs(numeric)));
            }
        }
    }

    /** d(mean cross-entropy of ids)/d(parameter) for every parameter, by autograd. */
    private static Map<String, float[]> gradients(HfCausalLm lm, int[] ids) {
        int t = ids.length - 1;
        try (NDManager scope = lm.openScope();
                GradientCollector collector = Devices.engine().newGradientCollector()) {
            NDArray x = scope.create(CausalLm.toLongs(Arrays.copyOf(ids, t)), new Shape(1, t));
            NDArray y = scope.create(CausalLm.toLongs(Arrays.copyOfRange(ids, 1, ids.length)), new Shape(1, t, 1));
            NDArray loss = lm.forwardLogits(x, true).logSoftmax(-1).gather(y, -1).mean().neg();
            collector.backward(loss);
            Map<String, float[]> out = new java.util.LinkedHashMap<>();
            lm.trainableParameters().forEach((name, p) -> out.put(name, p.getGradient().toFloatArray()));
            return out;
        }
    }
}
