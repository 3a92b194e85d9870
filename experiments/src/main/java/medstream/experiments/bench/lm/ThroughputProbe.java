package medstream.experiments.bench.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import medstream.lm.model.CausalLm;
import medstream.lm.model.Devices;
import medstream.lm.model.ModelConfig;
import medstream.lm.model.NoGrad;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.TrainBatch;

/**
 * Measures training and forward throughput (tokens per second) of a preset on this machine, to compare
 * with the PyTorch figures in BASELINES.md. Not a test: run it by hand. Every step is timed on its own and
 * the median and the best step are reported: on a shared machine other processes only ever slow a step
 * down, so the best step approximates an idle machine and the median what a busy one gives. Process CPU
 * seconds per step are reported too; they do not depend on what else runs.
 *
 * <p>Usage: {@code ThroughputProbe [preset vocab batch length warmupSteps measuredSteps]}, defaults
 * {@code small 8192 16 256 2 10}. See lm/README.md ("Throughput") for the command line.
 */
public final class ThroughputProbe {

    private ThroughputProbe() {}

    /**
     * Runs the probe and prints the result.
     *
     * @param args preset vocab batch length warmup steps
     */
    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "small";
        int vocab = args.length > 1 ? Integer.parseInt(args[1]) : 8192;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int length = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        System.out.println(run(ModelConfig.preset(preset, vocab), Devices.preferred(), batch, length, warmup, steps));
    }

    /**
     * Measured throughput.
     *
     * @param model preset description
     * @param device where it ran
     * @param batch rows per step
     * @param length tokens per row
     * @param parameters parameter count
     * @param trainMedian train tokens/s of the median step
     * @param trainBest train tokens/s of the fastest step
     * @param forwardMedian inference forward tokens/s of the median pass
     * @param forwardBest inference forward tokens/s of the fastest pass
     * @param trainCpuSeconds process CPU seconds per train step (mean)
     * @param forwardCpuSeconds process CPU seconds per forward pass (mean)
     * @param threads libtorch intra-op threads
     */
    public record Result(String model, String device, int batch, int length, long parameters, double trainMedian,
            double trainBest, double forwardMedian, double forwardBest, double trainCpuSeconds,
            double forwardCpuSeconds, int threads) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s on %s (%d threads), batch %d x %d, %.2fM params:"
                    + " train %.0f tok/s median, %.0f best; forward %.0f tok/s median, %.0f best;"
                    + " CPU s per train step %.2f, per forward pass %.2f",
                    model, device, threads, batch, length, parameters / 1e6, trainMedian, trainBest, forwardMedian,
                    forwardBest, trainCpuSeconds, forwardCpuSeconds);
        }
    }

    /**
     * Trains on random tokens for {@code warmup + steps} steps, timing the last {@code steps}; then times
     * as many inference forward passes over the same batch.
     *
     * @param config model shape
     * @param device where to run
     * @param batch rows per step
     * @param length tokens per row
     * @param warmup untimed steps first
     * @param steps timed steps
     * @return the measurement
     */
    public static Result run(ModelConfig config, Device device, int batch, int length, int warmup, int steps) {
        Random random = new Random(1);
        int[][] tokens = new int[batch][length + 1];
        for (int[] row : tokens) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(config.vocabSize());
            }
        }
        TrainBatch data = TrainBatch.of(tokens);
        long[] flat = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                flat[b * length + t] = tokens[b][t];
            }
        }
        double n = (double) batch * length;
        try (CausalLm model = CausalLm.create(config, device);
                LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), LrSchedule.constant(3e-4, 0))) {
            double[] train = new double[steps];
            double trainCpu = 0;
            for (int i = 0; i < warmup + steps; i++) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                trainer.step(data);
                if (i >= warmup) {
                    train[i - warmup] = (System.nanoTime() - start) / 1e9;
                    trainCpu += (cpuNanos() - cpu) / 1e9 / steps;
                }
            }
            double[] forward = new double[steps];
            double forwardCpu = 0;
            for (int i = 0; i < warmup + steps; i++) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
                    NDArray x = scope.create(flat, new Shape(batch, length));
                    model.forwardLogits(x, false).getFloat(0, 0, 0); // forces the computation
                }
                if (i >= warmup) {
                    forward[i - warmup] = (System.nanoTime() - start) / 1e9;
                    forwardCpu += (cpuNanos() - cpu) / 1e9 / steps;
                }
            }
            Arrays.sort(train);
            Arrays.sort(forward);
            return new Result(describe(config), device.toString(), batch, length, model.parameterCount(),
                    n / train[steps / 2], n / train[0], n / forward[steps / 2], n / forward[0], trainCpu, forwardCpu,
                    ai.djl.pytorch.jni.JniUtils.getNumThreads());
        }
    }

    /** CPU time of this process, native threads included. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0L;
    }

    private static String describe(ModelConfig c) {
        return String.format(Locale.ROOT, "%d layers d %d %d heads ctx %d vocab %d", c.layers(), c.dModel(), c.heads(),
                c.context(), c.vocabSize());
    }
}
