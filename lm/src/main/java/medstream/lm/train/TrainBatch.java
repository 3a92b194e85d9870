package medstream.lm.train;

import java.util.Arrays;
import java.util.List;

/**
 * One batch of training sequences. Row b holds T + 1 token ids: inputs are ids 0..T-1, targets ids 1..T.
 * The loss is the mean of the per-token cross-entropy weighted by {@code lossMask[b][t] * weights[b]}.
 *
 * @param tokens ids [B][T + 1], every row the same length (pad and mask out short rows)
 * @param lossMask weight of each target [B][T]: 0 on prompt and padding tokens, 1 on tokens to learn
 * @param weights per-example sample weight [B]
 */
public record TrainBatch(int[][] tokens, float[][] lossMask, float[] weights) {

    /** Validates shapes and weights. */
    public TrainBatch {
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one row");
        }
        int width = tokens[0].length;
        if (width < 2) {
            throw new IllegalArgumentException("rows need at least 2 tokens (one input, one target), got " + width);
        }
        for (int[] row : tokens) {
            if (row.length != width) {
                throw new IllegalArgumentException("rows differ in length (" + width + " vs " + row.length
                        + "); pad them to one length and set lossMask to 0 on the padding");
            }
        }
        if (lossMask.length != tokens.length || weights.length != tokens.length) {
            throw new IllegalArgumentException("lossMask and weights need one entry per row (" + tokens.length + ")");
        }
        for (int b = 0; b < tokens.length; b++) {
            if (lossMask[b].length != width - 1) {
                throw new IllegalArgumentException("lossMask row " + b + " has " + lossMask[b].length
                        + " entries; it needs one per target (" + (width - 1) + ")");
            }
            if (!(weights[b] >= 0) || Float.isInfinite(weights[b])) {
                throw new IllegalArgumentException("sample weight " + b + " must be finite and >= 0, got " + weights[b]);
            }
        }
    }

    /** A batch where every target counts with weight 1. */
    public static TrainBatch of(int[][] tokens) {
        float[][] mask = new float[tokens.length][];
        for (int b = 0; b < tokens.length; b++) {
            mask[b] = new float[Math.max(0, tokens[b].length - 1)];
            Arrays.fill(mask[b], 1f);
        }
        float[] weights = new float[tokens.length];
        Arrays.fill(weights, 1f);
        return new TrainBatch(tokens, mask, weights);
    }

    /**
     * Right-pads sequences of different lengths into one batch, learning only the tokens after each
     * prompt: target t (token t + 1) gets mask 1 when it lies past the prompt and is not padding. This is
     * the shape of instruction tuning (prompt masked, answer learned) and of plain text (prompt length 0
     * or 1: everything learned).
     *
     * @param sequences token ids per example, each at least 2 long
     * @param promptLengths tokens at the start of each sequence not to learn (0 = learn all)
     * @param weights sample weight per example, or null for 1
     * @param padId id written into the padding (never learned)
     * @return the batch
     */
    public static TrainBatch padded(List<int[]> sequences, int[] promptLengths, float[] weights, int padId) {
        if (promptLengths.length != sequences.size() || (weights != null && weights.length != sequences.size())) {
            throw new IllegalArgumentException("need one prompt length (and weight) per sequence (" + sequences.size() + ")");
        }
        int width = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        int[][] tokens = new int[sequences.size()][width];
        float[][] mask = new float[sequences.size()][Math.max(0, width - 1)];
        for (int b = 0; b < sequences.size(); b++) {
            int[] seq = sequences.get(b);
            Arrays.fill(tokens[b], padId);
            System.arraycopy(seq, 0, tokens[b], 0, seq.length);
            for (int t = Math.max(0, promptLengths[b] - 1); t < seq.length - 1; t++) {
                mask[b][t] = 1f;
            }
        }
        float[] w = weights != null ? weights.clone() : new float[sequences.size()];
        if (weights == null) {
            Arrays.fill(w, 1f);
        }
        return new TrainBatch(tokens, mask, w);
    }

    /** Rows B. */
    public int rows() {
        return tokens.length;
    }

    /** Input length T. */
    public int length() {
        return tokens[0].length - 1;
    }

    /** Sum over targets of lossMask times sample weight: the loss's denominator. */
    public double totalWeight() {
        double total = 0;
        for (int b = 0; b < tokens.length; b++) {
            for (float m : lossMask[b]) {
                total += (double) m * weights[b];
            }
        }
        return total;
    }

    /** Number of targets with a positive mask. */
    public long lossTokens() {
        long n = 0;
        for (float[] row : lossMask) {
            for (float m : row) {
                n += m > 0 ? 1 : 0;
            }
        }
        return n;
    }
}
