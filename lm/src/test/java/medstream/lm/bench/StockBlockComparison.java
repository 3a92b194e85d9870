package medstream.lm.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.nn.transformer.TransformerEncoderBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import medstream.lm.model.CausalLm;
import medstream.lm.model.Devices;
import medstream.lm.model.ModelConfig;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.TrainBatch;

/**
 * Same-run ratio of our training step to DJL's stock TransformerEncoderBlock at the BASELINES.md size
 * (4 layers, d 256, 4 heads, hidden 1024, untied output layer, AdamW, batch 16 x 256, vocab 8192).
 * Steps alternate between the two models, so both see the same load on a shared machine; the ratio of
 * their median step times is the figure to trust there. Not a test: run its main by hand (see
 * lm/README.md).
 */
public final class StockBlockComparison {

    private StockBlockComparison() {}

    /**
     * Runs {@code args[0]} (default 6) measured steps of each model after one warm-up step each.
     *
     * @param args optional step count
     */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int batch = 16;
        int length = 256;
        int vocab = 8192;
        Random random = new Random(1);
        int[][] tokens = new int[batch][length + 1];
        for (int[] row : tokens) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(vocab);
            }
        }
        TrainBatch ours = TrainBatch.of(tokens);
        double[] oursTimes = new double[steps];
        double[] stockTimes = new double[steps];
        double oursCpu = 0;
        double stockCpu = 0;
        Device device = Device.cpu();
        try (CausalLm model = CausalLm.create(ModelConfig.small(vocab), device);
                LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), LrSchedule.constant(3e-4, 0));
                NDManager manager = Devices.engine().newBaseManager(device);
                Model stock = Model.newInstance("stock", device, Devices.ENGINE)) {
            stock.setBlock(stockBlock(vocab));
            DefaultTrainingConfig config = new DefaultTrainingConfig(
                    new SoftmaxCrossEntropyLoss("loss", 1, -1, true, true))
                    .optOptimizer(Optimizer.adamW().build())
                    .optDevices(new Device[] {device});
            try (Trainer stockTrainer = stock.newTrainer(config)) {
                stockTrainer.initialize(new Shape(batch, length));
                long[] inputs = new long[batch * length];
                long[] labels = new long[batch * length];
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < length; t++) {
                        inputs[b * length + t] = tokens[b][t];
                        labels[b * length + t] = tokens[b][t + 1];
                    }
                }
                for (int i = -1; i < steps; i++) {
                    long start = System.nanoTime();
                    long cpu = cpuNanos();
                    trainer.step(ours);
                    double oursSeconds = (System.nanoTime() - start) / 1e9;
                    double oursCpuStep = (cpuNanos() - cpu) / 1e9;
                    start = System.nanoTime();
                    cpu = cpuNanos();
                    try (NDManager stepManager = manager.newSubManager()) {
                        NDArray x = stepManager.create(inputs, new Shape(batch, length));
                        NDArray y = stepManager.create(labels, new Shape((long) batch * length));
                        Batch b = new Batch(stepManager, new NDList(x), new NDList(y), batch, null, null, 0, 1);
                        EasyTrain.trainBatch(stockTrainer, b);
                        stockTrainer.step();
                    }
                    double stockSeconds = (System.nanoTime() - start) / 1e9;
                    if (i >= 0) {
                        oursTimes[i] = oursSeconds;
                        stockTimes[i] = stockSeconds;
                        oursCpu += oursCpuStep / steps;
                        stockCpu += (cpuNanos() - cpu) / 1e9 / steps;
                    }
                }
            }
        }
        Arrays.sort(oursTimes);
        Arrays.sort(stockTimes);
        double tokens16x256 = batch * length;
        System.out.printf(Locale.ROOT, "ours: %.0f tok/s median (%.0f best); DJL stock block: %.0f tok/s median (%.0f best);"
                + " ratio of medians %.2f; CPU s per step: ours %.2f, stock %.2f%n", tokens16x256 / oursTimes[steps / 2],
                tokens16x256 / oursTimes[0], tokens16x256 / stockTimes[steps / 2], tokens16x256 / stockTimes[0],
                stockTimes[steps / 2] / oursTimes[steps / 2], oursCpu, stockCpu);
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0L;
    }

    /** Token embedding, 4 stock encoder blocks, untied output layer (as measured in BASELINES.md). */
    private static SequentialBlock stockBlock(int vocab) {
        SequentialBlock block = new SequentialBlock();
        block.add(new IdEmbedding.Builder().setDictionarySize(vocab).setEmbeddingSize(256).build());
        for (int i = 0; i < 4; i++) {
            block.add(new TransformerEncoderBlock(256, 4, 1024, 0f, Activation::gelu));
        }
        block.add(Linear.builder().setUnits(vocab).build());
        block.add(list -> new NDList(list.singletonOrThrow().reshape(-1, vocab))); // [B * T, V] for the sparse loss
        return block;
    }

}
