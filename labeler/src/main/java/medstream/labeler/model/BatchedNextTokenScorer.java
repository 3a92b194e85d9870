package medstream.labeler.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import medstream.lm.model.CausalLm;
import medstream.lm.model.NoGrad;

/**
 * Scores single-token options of many prompts with one forward pass per chunk of prompts: the prompts are
 * right-padded into a [B, T] batch (causal attention keeps padding out of every real position) and each row's
 * distribution at its last real position gives the log-probability of every option at once. Each prompt is
 * computed once and the whole batch shares the passes, which the lm's per-prompt
 * {@code Scorer.scoreOptions} cannot do.
 */
final class BatchedNextTokenScorer {
    /** Logit floats one chunk may hold ([B, T, V]); bounds memory for large vocabularies. */
    private static final long MAX_LOGITS = 64L * 1024 * 1024;
    private static final int MAX_ROWS = 16;

    private final CausalLm model;
    private final int padId;

    BatchedNextTokenScorer(CausalLm model, int padId) {
        this.model = model;
        this.padId = padId;
    }

    /**
     * @param prompts token ids per prompt (non-empty; longer than the context keeps the newest tokens)
     * @param options single token id per option, per prompt
     * @return log p(option | prompt) per prompt and option
     */
    double[][] score(List<int[]> prompts, List<int[]> options) {
        int ctx = model.contextLength();
        int n = prompts.size();
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] p = prompts.get(i);
            rows[i] = p.length <= ctx ? p : Arrays.copyOfRange(p, p.length - ctx, p.length);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> -rows[i].length));
        double[][] out = new double[n][];
        int vocab = model.vocabSize();
        for (int start = 0; start < n; ) {
            int t = rows[order[start]].length; // longest of the chunk (sorted)
            int b = (int) Math.max(1, Math.min(MAX_ROWS, MAX_LOGITS / ((long) t * vocab)));
            b = Math.min(b, n - start);
            List<Integer> chunk = new ArrayList<>(Arrays.asList(order).subList(start, start + b));
            float[] logProbs = lastPositionLogProbs(rows, chunk, t); // [b * V]
            for (int r = 0; r < b; r++) {
                int i = chunk.get(r);
                int[] opts = options.get(i);
                double[] s = new double[opts.length];
                for (int k = 0; k < opts.length; k++) s[k] = logProbs[r * vocab + opts[k]];
                out[i] = s;
            }
            start += b;
        }
        return out;
    }

    private float[] lastPositionLogProbs(int[][] rows, List<Integer> chunk, int t) {
        int b = chunk.size();
        long[] tokens = new long[b * t];
        long[] last = new long[b];
        Arrays.fill(tokens, padId);
        for (int r = 0; r < b; r++) {
            int[] row = rows[chunk.get(r)];
            for (int j = 0; j < row.length; j++) tokens[r * t + j] = row[j];
            last[r] = (long) r * t + row.length - 1;
        }
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
            NDArray x = scope.create(tokens, new Shape(b, t));
            NDArray logits = model.forwardLogits(x, false).reshape(-1, model.vocabSize()); // [B * T, V]
            return logits.get(new NDIndex("{}", scope.create(last))).logSoftmax(-1).toFloatArray(); // [B, V]
        }
    }
}
