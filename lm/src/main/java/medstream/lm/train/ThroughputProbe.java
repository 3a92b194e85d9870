package medstream.lm.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Random;
import medstream.lm.model.CausalLm;
import medstream.lm.model.Devices;
import medstream.lm.model.ModelConfig;
import medstream.lm.model.NoGrad;

/**
 * Measures training and forward throughput (tokens per second) of a preset on this machine, to compare
 * with the PyTorch figures in BASELINES.md. Not a test: run it by hand.
 *
 * <pre>
 * mvn -o -q -pl lm compile exec:java -Dexec.mainClass=medstream.lm.train.ThroughputProbe \
 *     -Dexec.args="small 8192 16 256 3 10" -Dai.djl.offline=true
 * </pre>
 * Arguments: preset, vocabulary, batch, length, warm-up steps, measured steps.
 */
public final class ThroughputProbe {

    private ThroughputProbe() {}

    /**
     * Runs the probe and prints one line per measurement.
     *
     * @param args preset vocab batch length warmup steps
     */
    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "small";
        int vocab = args.length > 1 ? Integer.parseInt(args[1]) : 8192;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int length = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        Result r = run(ModelConfig.preset(preset, vocab), Devices.preferred(), batch, length, warmup, steps);
        System.out.println(r);
    }

    /** Measured throughput. */
    public record Result(String model, String device, int batch, int length, long parameters,
            double trainTokensPerSecond, double forwardTokensPerSecond, double trainCpuSecondsPerStep,
            double forwardCpuSecondsPerPass, double firstLoss, double lastLoss) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s on %s, batch %d x %d, %.2fM params: train %.0f tok/s, forward %.0f"
                    + " tok/s; process CPU per train step %.2f s, per forward pass %.2f s (loss %.3f -> %.3f)",
                    model, device, batch, length, parameters / 1e6, trainTokensPerSecond, forwardTokensPerSecond,
                    trainCpuSecondsPerStep, forwardCpuSecondsPerPass, firstLoss, lastLoss);
        }
    }

    /** CPU time of this process (all threads, native ones included), to see how much a busy machine stole. */
    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    /**
     * Trains on random tokens for {@code warmup + steps} steps and times the last {@code steps}; then
     * times as many inference forward passes.
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
        try (CausalLm model = CausalLm.create(config, device);
                LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), LrSchedule.constant(3e-4, 0))) {
            double first = 0;
            double last = 0;
            for (int i = 0; i < warmup; i++) {
                first = trainer.step(data).loss();
            }
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            for (int i = 0; i < steps; i++) {
                last = trainer.step(data).loss();
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double trainCpu = (cpuNanos() - cpuStart) / 1e9 / steps;

            long[] flat = new long[batch * length];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < length; t++) {
                    flat[b * length + t] = tokens[b][t];
                }
            }
            double forwardSeconds = 0;
            double forwardCpu = 0;
            for (int i = 0; i < warmup + steps; i++) {
                long s = System.nanoTime();
                long c = cpuNanos();
                try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
                    NDArray x = scope.create(flat, new Shape(batch, length));
                    model.forwardLogits(x, false).getFloat(0, 0, 0); // forces the computation
                }
                if (i >= warmup) {
                    forwardSeconds += (System.nanoTime() - s) / 1e9;
                    forwardCpu += (cpuNanos() - c) / 1e9 / steps;
                }
            }
            double n = (double) batch * length * steps;
            return new Result(describe(config), device.toString(), batch, length, model.parameterCount(),
                    n / trainSeconds, n / forwardSeconds, trainCpu, forwardCpu, first, last);
        }
    }

    private static String describe(ModelConfig c) {
        return String.format(Locale.ROOT, "%d layers d %d %d heads ctx %d vocab %d", c.layers(), c.dModel(), c.heads(),
                c.context(), c.vocabSize());
    }
}
