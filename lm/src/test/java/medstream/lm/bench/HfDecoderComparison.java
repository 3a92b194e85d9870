package medstream.lm.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
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
 * same size (4 layers, d 256, 4 heads, SwiGLU 688 ~ the GPT's 4d GELU MLP, tied, vocab 8192, batch 16 x 256), steps
 * alternating so both see the same machine load. Args: [steps] [kvHeads].
 */
public final class HfDecoderComparison {

    private HfDecoderComparison() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int kv = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int batch = 16;
        int length = 256;
        int vocab = 8192;
        ModelConfig gpt = new ModelConfig(vocab, 4, 256, 4, length, 0.0, 1);
        HfConfig qwen = HfConfig.qwen2(vocab, 256, 688, 4, 4, kv, length, true);
        Random random = new Random(1);
        int[][] tokens = new int[batch][length + 1];
        for (int[] row : tokens) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(vocab);
            }
        }
        TrainBatch data = TrainBatch.of(tokens);
        long[] flat = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                flat[b * length + t] = tokens[b][t];
            }
        }
        try (CausalLm a = CausalLm.create(gpt, Device.cpu());
                HfCausalLm b = HfCausalLm.fromTensors(qwen, TinyHfCheckpoints.randomTensors(qwen, 1), Device.cpu());
                LmTrainer ta = new LmTrainer(a, OptimizerConfig.defaults(), LrSchedule.constant(3e-4, 0));
                LmTrainer tb = new LmTrainer(b, OptimizerConfig.defaults(), LrSchedule.constant(3e-4, 0))) {
            double[][] train = new double[2][steps];
            double[][] forward = new double[2][steps];
            for (int i = -2; i < steps; i++) {
                double[] s = {time(() -> ta.step(data)), time(() -> tb.step(data)),
                        time(() -> forward(a, flat, batch, length)), time(() -> forward(b, flat, batch, length))};
                if (i >= 0) {
                    train[0][i] = s[0];
                    train[1][i] = s[1];
                    forward[0][i] = s[2];
                    forward[1][i] = s[3];
                }
            }
            double n = (double) batch * length;
            String[] names = {"CausalLm (GPT) " + a.parameterCount(), "HfCausalLm (Qwen2 kv " + kv + ") "
                    + b.parameterCount()};
            for (int m = 0; m < 2; m++) {
                Arrays.sort(train[m]);
                Arrays.sort(forward[m]);
                System.out.printf(Locale.ROOT, "%-36s train %6.0f tok/s (best %6.0f)  forward %6.0f tok/s (best %6.0f)%n",
                        names[m], n / train[m][steps / 2], n / train[m][0], n / forward[m][steps / 2],
                        n / forward[m][0]);
            }
        }
    }

    private static void forward(TrainableLm model, long[] flat, int batch, int length) {
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
            NDArray x = scope.create(flat, new Shape(batch, length));
            model.forwardLogits(x, false).getFloat(0, 0, 0);
        }
    }

    private static double time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
