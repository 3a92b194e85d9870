package medstream.trainer.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import medstream.lm.train.TrainBatch;

/** Cuts a round's rows into {@link TrainBatch}es, padding each batch to its longest row. */
public final class Batches {

    private Batches() {}

    /**
     * @param rows the round's rows in training order
     * @param batchSize rows per batch (the last batch may be smaller)
     * @param padId padding id (masked out)
     * @return the batches, in order
     */
    public static List<TrainBatch> of(List<Example> rows, int batchSize, int padId) {
        List<TrainBatch> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<Example> part = rows.subList(from, Math.min(rows.size(), from + batchSize));
            int width = part.stream().mapToInt(Example::length).max().orElseThrow();
            int[][] tokens = new int[part.size()][];
            float[][] mask = new float[part.size()][];
            float[] weights = new float[part.size()];
            for (int i = 0; i < part.size(); i++) {
                Example e = part.get(i);
                tokens[i] = Arrays.copyOf(e.tokens(), width);
                Arrays.fill(tokens[i], e.length(), width, padId);
                mask[i] = Arrays.copyOf(e.lossMask(), width - 1); // zeros on the padding
                weights[i] = e.weight();
            }
            out.add(new TrainBatch(tokens, mask, weights));
        }
        return out;
    }
}
