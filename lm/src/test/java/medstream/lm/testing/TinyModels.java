package medstream.lm.testing;

import ai.djl.Device;
import java.util.Random;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.TrainBatch;

/** Small models and data for fast tests. */
public final class TinyModels {

    /** Vocabulary of the test models. */
    public static final int VOCAB = 61;

    private TinyModels() {}

    /** The tiny preset with the test vocabulary and a shorter context, so tests run in milliseconds. */
    public static ModelConfig config() {
        return ModelConfig.tiny(VOCAB);
    }

    /** A freshly initialised tiny model on the CPU. */
    public static CausalLm fresh() {
        return CausalLm.create(config(), Device.cpu());
    }

    /**
     * A tiny model trained briefly on a counting pattern (t, t+1, t+2, ... mod 50), so its predictions
     * have clear margins instead of near-ties.
     */
    public static CausalLm trained(int steps) {
        CausalLm model = fresh();
        try (LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), LrSchedule.constant(3e-3, 0))) {
            Random random = new Random(7);
            for (int i = 0; i < steps; i++) {
                trainer.step(TrainBatch.of(countingBatch(random, 8, 33)));
            }
        }
        return model;
    }

    /** Rows of consecutive ids mod 50 from random starts: an easy pattern to learn. */
    public static int[][] countingBatch(Random random, int rows, int width) {
        int[][] tokens = new int[rows][width];
        for (int[] row : tokens) {
            int start = random.nextInt(50);
            for (int i = 0; i < width; i++) {
                row[i] = (start + i) % 50;
            }
        }
        return tokens;
    }

    /** Random ids in [0, VOCAB). */
    public static int[] randomTokens(Random random, int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(VOCAB);
        }
        return ids;
    }
}
