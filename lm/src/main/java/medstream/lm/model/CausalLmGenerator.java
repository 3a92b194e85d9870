package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import medstream.lm.GenerationConfig;
import medstream.lm.Generator;

/**
 * Batched decoding with a decoder ({@link CausalLm} or {@link HfCausalLm}). Prompts are left-padded so every
 * row's next token sits in the
 * last column; padded keys are masked out and each row's positions start at 0 at its first real token,
 * so a row decodes exactly as it would alone.
 */
final class CausalLmGenerator implements Generator {

    private final DecoderNet model;

    CausalLmGenerator(DecoderNet model) {
        this.model = model;
    }

    @Override
    public List<int[]> generate(List<int[]> prompts, GenerationConfig config) {
        int ctx = model.contextLength();
        if (config.maxNewTokens() >= ctx) {
            throw new IllegalArgumentException("maxNewTokens " + config.maxNewTokens()
                    + " leaves no room for a prompt in the model context " + ctx);
        }
        if (prompts.isEmpty()) {
            return List.of();
        }
        int b = prompts.size();
        int[][] rows = new int[b][];
        int longest = 0;
        for (int r = 0; r < b; r++) {
            Tokens.check(prompts.get(r), model.vocabSize(), "prompt");
            // keep the newest prompt tokens so prompt + new tokens fit the position table
            rows[r] = Tokens.tail(prompts.get(r), ctx - config.maxNewTokens());
            longest = Math.max(longest, rows[r].length);
        }
        Batch batch = new Batch(rows, longest, config.maxNewTokens());
        SplittableRandom rng = new SplittableRandom(config.seed());
        List<List<Integer>> generated = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            generated.add(new ArrayList<>());
        }
        boolean[] done = new boolean[b];
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
            KvCache cache = config.useCache() ? new KvCache(model.layers(), scope) : null;
            for (int step = 0; step < config.maxNewTokens(); step++) {
                int[] next;
                try (NDManager stepScope = scope.newSubManager()) {
                    // with the cache only the newest token goes in after the first step
                    int from = cache == null || step == 0 ? 0 : batch.length - 1;
                    NDArray logits = lastLogits(stepScope, batch, from, cache); // [B, V]
                    next = choose(logits, config, rng);
                }
                if (appendChosen(next, done, generated, config)) {
                    break;
                }
                batch.append(next);
            }
        }
        List<int[]> out = new ArrayList<>(b);
        for (List<Integer> g : generated) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** Runs columns [from, length) of the batch and returns logits of the last column. */
    private NDArray lastLogits(NDManager scope, Batch batch, int from, KvCache cache) {
        int b = batch.tokens.length;
        int t = batch.length - from;
        long[] tokens = new long[b * t];
        long[] positions = new long[b * t];
        float[] mask = new float[b * t * batch.length]; // [B, 1, T, Tk]
        for (int r = 0; r < b; r++) {
            int pad = batch.pad[r];
            for (int i = 0; i < t; i++) {
                int col = from + i;
                tokens[r * t + i] = batch.tokens[r][col];
                positions[r * t + i] = Math.max(0, col - pad);
                for (int j = 0; j < batch.length; j++) {
                    // a key is visible when it is not in the future and not padding; a padded query sees
                    // itself, so its softmax row is never empty
                    boolean visible = j == col || (j < col && j >= pad);
                    mask[(r * t + i) * batch.length + j] = visible ? 0f : CausalLm.MASK_VALUE;
                }
            }
        }
        NDArray x = scope.create(tokens, new Shape(b, t));
        NDArray pos = scope.create(positions, new Shape(b, t));
        NDArray m = scope.create(mask, new Shape(b, 1, t, batch.length));
        NDArray hidden = model.hidden(x, pos, m, cache, false); // [B, T, d]
        return model.logits(hidden.get(new NDIndex(":, -1, :"))); // [B, V]
    }

    /**
     * Appends each row's chosen token to its output unless the row already stopped, and marks rows that chose the
     * stop token as done (the stop token itself is kept, as the caller trims it). Shared by every decoding loop.
     *
     * @return true when every row is done
     */
    static boolean appendChosen(int[] next, boolean[] done, List<List<Integer>> generated, GenerationConfig config) {
        boolean allDone = true;
        for (int r = 0; r < next.length; r++) {
            if (!done[r]) {
                generated.get(r).add(next[r]);
                done[r] = next[r] == config.stopTokenId();
            }
            allDone &= done[r];
        }
        return allDone;
    }

    /**
     * The next token of every row from its logits [B, V]: argmax, or one draw of {@code rng} per row in row order
     * (also used by {@link TorchScriptLm}, so both sample the same tokens from the same logits and seed).
     */
    static int[] choose(NDArray logits, GenerationConfig config, SplittableRandom rng) {
        int b = (int) logits.getShape().get(0);
        int v = (int) logits.getShape().get(1);
        if (config.isGreedy()) {
            return Arrays.stream(logits.argMax(-1).toLongArray()).mapToInt(Math::toIntExact).toArray();
        }
        NDArray scaled = logits.div((float) config.temperature());
        int k = config.topK() == 0 ? v : Math.min(config.topK(), v);
        float[] probs;
        long[] ids = null;
        if (k < v) {
            NDList top = scaled.topK(k, -1, true, true); // values [B, k], indices [B, k]
            probs = top.get(0).softmax(-1).toFloatArray();
            ids = top.get(1).toLongArray();
        } else {
            probs = scaled.softmax(-1).toFloatArray();
        }
        int[] next = new int[b];
        for (int r = 0; r < b; r++) {
            double u = rng.nextDouble();
            double cumulative = 0;
            int pick = k - 1; // rounding may leave the total a hair below 1: fall back to the last entry
            for (int j = 0; j < k; j++) {
                cumulative += probs[r * k + j];
                if (u < cumulative) {
                    pick = j;
                    break;
                }
            }
            next[r] = ids == null ? pick : Math.toIntExact(ids[r * k + pick]);
        }
        return next;
    }

    /** Left-padded token matrix of the rows being decoded. */
    private static final class Batch {
        final int[][] tokens;
        final int[] pad;
        int length;

        Batch(int[][] prompts, int longest, int maxNew) {
            tokens = new int[prompts.length][longest + maxNew];
            pad = new int[prompts.length];
            for (int r = 0; r < prompts.length; r++) {
                pad[r] = longest - prompts[r].length;
                System.arraycopy(prompts[r], 0, tokens[r], pad[r], prompts[r].length);
            }
            length = longest;
        }

        void append(int[] next) {
            for (int r = 0; r < tokens.length; r++) {
                tokens[r][length] = next[r];
            }
            length++;
        }
    }
}
