package medstream.experiments.bench.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.model.CausalLm;
import medstream.lm.model.HfCausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.model.NoGrad;
import medstream.lm.model.TrainableLm;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.TrainBatch;

/**
 * Train and forward tokens/s of our GPT ({@link CausalLm}) against the Qwen2-shaped {@link HfCausalLm} of about the
 * same size: 4 layers, d 256, 4 heads, SwiGLU width 688 (its three matrices hold as many weights as the GPT's 4d GELU
 * MLP), tied embeddings, vocabulary 8192, batches of 16 x 256 random tokens. Steps alternate between the two models so
 * both see the same machine load; medians of the timed steps are reported, after two untimed warm-up steps each.
 */
public final class DecoderThroughput {

    private static final int BATCH = 16;
    private static final int LENGTH = 256;
    private static final int VOCAB = 8192;

    private DecoderThroughput() {}

    /**
     * The figures of one run.
     *
     * @param gptParameters parameters of the GPT
     * @param decoderParameters parameters of the Qwen2 decoder
     * @param kvHeads the decoder's key/value heads (4: multi-head, fewer: grouped-query)
     * @param steps timed steps per model and pass
     * @param gptTrain GPT training tokens/s (median)
     * @param decoderTrain decoder training tokens/s (median)
     * @param gptForward GPT inference forward tokens/s (median)
     * @param decoderForward decoder inference forward tokens/s (median)
     */
    public record Result(long gptParameters, long decoderParameters, int kvHeads, int steps, double gptTrain,
            double decoderTrain, double gptForward, double decoderForward) {

        /** As a JSON-ready map, with the ratios decoder / GPT. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gpt_parameters", gptParameters);
            m.put("decoder_parameters", decoderParameters);
            m.put("kv_heads", kvHeads);
            m.put("batch", BATCH + "x" + LENGTH);
            m.put("steps", steps);
            m.put("gpt_train_tokens_per_s", Math.round(gptTrain));
            m.put("decoder_train_tokens_per_s", Math.round(decoderTrain));
            m.put("train_ratio", Math.round(decoderTrain / gptTrain * 100) / 100.0);
            m.put("gpt_forward_tokens_per_s", Math.round(gptForward));
            m.put("decoder_forward_tokens_per_s", Math.round(decoderForward));
            m.put("forward_ratio", Math.round(decoderForward / gptForward * 100) / 100.0);
            return m;
        }
    }

    /**
     * Measures both models on the CPU.
     *
     * @param steps timed steps per model and pass (at least 1)
     * @param kvHeads the decoder's key/value heads, a divisor of 4
     * @return the figures
     */
    public static Result run(int steps, int kvHeads) {
        ModelConfig gpt = new ModelConfig(VOCAB, 4, 256, 4, LENGTH, 0.0, 1);
        HfConfig qwen = HfConfig.qwen2(VOCAB, 256, 688, 4, 4, kvHeads, LENGTH, true);
        Random random = new Random(1);
        int[][] tokens = new int[BATCH][LENGTH + 1];
        long[] flat = new long[BATCH * LENGTH];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t <= LENGTH; t++) {
                tokens[b][t] = random.nextInt(VOCAB);
                if (t < LENGTH) {
                    flat[b * LENGTH + t] = tokens[b][t];
                }
            }
        }
        TrainBatch data = TrainBatch.of(tokens);
        try (CausalLm a = CausalLm.create(gpt, Device.cpu());
                HfCausalLm b = HfCausalLm.fromTensors(qwen, TinyHfCheckpoints.randomTensors(qwen, 1), Device.cpu());
                LmTrainer ta = new LmTrainer(a, OptimizerConfig.defaults(), LrSchedule.constant(3e-4, 0));
                LmTrainer tb = new LmTrainer(b, OptimizerConfig.defaults(), LrSchedule.constant(3e-4, 0))) {
            double[][] seconds = new double[4][steps];
            for (int i = -2; i < steps; i++) {
                double[] s = {time(() -> ta.step(data)), time(() -> tb.step(data)), time(() -> forward(a, flat)),
                        time(() -> forward(b, flat))};
                for (int k = 0; i >= 0 && k < 4; k++) {
                    seconds[k][i] = s[k];
                }
            }
            double n = (double) BATCH * LENGTH;
            return new Result(a.parameterCount(), b.parameterCount(), kvHeads, steps, n / median(seconds[0]),
                    n / median(seconds[1]), n / median(seconds[2]), n / median(seconds[3]));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void forward(TrainableLm model, long[] flat) {
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
            NDArray x = scope.create(flat, new Shape(BATCH, LENGTH));
            model.forwardLogits(x, false).getFloat(0, 0, 0);
        }
    }

    private static double time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
