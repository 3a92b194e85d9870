package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import medstream.lm.Score;
import medstream.lm.Scorer;

/**
 * Log-likelihood scoring with a decoder ({@link CausalLm} or {@link HfCausalLm}). Pairs are sorted by length and
 * right-padded into batches;
 * right padding needs no attention mask beyond the causal one, because a real token only ever attends to
 * positions before it, and the padding comes after.
 */
final class CausalLmScorer implements Scorer {

    private final DecoderNet model;
    private final int maxBatch;

    CausalLmScorer(DecoderNet model, int maxBatch) {
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("maxBatch must be positive, got " + maxBatch);
        }
        this.model = model;
        this.maxBatch = maxBatch;
    }

    @Override
    public List<Score> score(List<int[]> prompts, List<int[]> continuations) {
        if (prompts.size() != continuations.size()) {
            throw new IllegalArgumentException("got " + prompts.size() + " prompts but " + continuations.size()
                    + " continuations; pass one continuation per prompt");
        }
        int n = prompts.size();
        int ctx = model.contextLength();
        int[][] sequences = new int[n][]; // prompt + continuation, prompt truncated to fit the context
        int[] firstTarget = new int[n]; // index in the sequence of the first continuation token
        for (int i = 0; i < n; i++) {
            int[] cont = continuations.get(i);
            Tokens.check(prompts.get(i), model.vocabSize(), "prompt");
            Tokens.check(cont, model.vocabSize(), "continuation");
            if (cont.length > ctx) {
                throw new IllegalArgumentException("continuation " + i + " has " + cont.length
                        + " tokens, more than the model context " + ctx);
            }
            // the input is the sequence without its last token, so prompt + cont - 1 tokens must fit
            int[] prompt = Tokens.tail(prompts.get(i), ctx - cont.length + 1);
            sequences[i] = Tokens.concat(prompt, cont);
            firstTarget[i] = prompt.length;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> -sequences[i].length));

        Score[] scores = new Score[n];
        for (int start = 0; start < n; start += maxBatch) {
            int[] rows = new int[Math.min(maxBatch, n - start)];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = order[start + r];
            }
            scoreBatch(sequences, firstTarget, rows, scores);
        }
        return List.of(scores);
    }

    private void scoreBatch(int[][] sequences, int[] firstTarget, int[] rows, Score[] out) {
        int b = rows.length;
        int t = sequences[rows[0]].length - 1; // longest input first (sorted)
        long[] inputs = new long[b * t];
        // only positions that predict a continuation token go through the vocabulary-sized output layer
        int scored = 0;
        for (int row : rows) {
            scored += sequences[row].length - firstTarget[row];
        }
        long[] scoredPositions = new long[scored];
        long[] targets = new long[scored];
        int k = 0;
        for (int r = 0; r < b; r++) {
            int[] seq = sequences[rows[r]];
            for (int i = 0; i < seq.length - 1; i++) {
                inputs[r * t + i] = seq[i];
            }
            // input position i predicts token i + 1
            for (int i = firstTarget[rows[r]] - 1; i < seq.length - 1; i++) {
                scoredPositions[k] = (long) r * t + i;
                targets[k++] = seq[i + 1];
            }
        }
        float[] logProbs;
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
            NDArray x = scope.create(inputs, new Shape(b, t));
            NDArray positions = scope.arange(0, t, 1, DataType.INT64).expandDims(0);
            NDArray hidden = model.hidden(x, positions, model.causalMask(t), null, false) // [B, T, d]
                    .reshape(-1, model.hiddenSize()) // [B * T, d]
                    .get(new NDIndex("{}", scope.create(scoredPositions))); // [N, d]
            NDArray y = scope.create(targets, new Shape(scored, 1));
            logProbs = model.logits(hidden).logSoftmax(-1).gather(y, -1).toFloatArray(); // [N]
        }
        k = 0;
        for (int row : rows) {
            int[] seq = sequences[row];
            double sum = 0;
            for (int i = firstTarget[row] - 1; i < seq.length - 1; i++) {
                sum += logProbs[k++];
            }
            out[row] = new Score(sum, seq.length - firstTarget[row]);
        }
    }

    @Override
    public List<Score> scoreOptions(int[] prompt, List<int[]> options) {
        int ctx = model.contextLength();
        Tokens.check(prompt, model.vocabSize(), "prompt");
        int longest = 0;
        for (int[] option : options) {
            Tokens.check(option, model.vocabSize(), "option");
            longest = Math.max(longest, option.length);
        }
        if (options.isEmpty()) {
            return List.of();
        }
        if (longest > ctx) {
            throw new IllegalArgumentException("an option has " + longest + " tokens, more than the model context " + ctx);
        }
        int[] prefix = Tokens.tail(prompt, ctx - (longest - 1));
        int p = prefix.length;
        double[] sums = new double[options.size()];
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
            // 1. the shared prompt once, keeping its keys and values: [1, P]
            KvCache cache = new KvCache(model.layers(), null);
            NDArray x = scope.create(CausalLm.toLongs(prefix), new Shape(1, p));
            NDArray positions = scope.arange(0, p, 1, DataType.INT64).expandDims(0);
            NDArray hidden = model.hidden(x, positions, model.causalMask(p), cache, false); // [1, P, d]
            NDArray last = hidden.get(new NDIndex(":, -1, :")); // [1, d]
            float[] first = model.logits(last).logSoftmax(-1).toFloatArray(); // [V]: predicts each option's first token
            for (int i = 0; i < options.size(); i++) {
                sums[i] = first[options.get(i)[0]];
            }
            // 2. the rest of every option as right-padded batches on top of the cached prompt
            if (longest > 1) {
                for (int start = 0; start < options.size(); start += maxBatch) {
                    List<int[]> chunk = options.subList(start, Math.min(options.size(), start + maxBatch));
                    double[] rest = scoreAfterPrefix(scope, cache, p, chunk);
                    for (int i = 0; i < rest.length; i++) {
                        sums[start + i] += rest[i];
                    }
                }
            }
        }
        List<Score> scores = new ArrayList<>(options.size());
        for (int i = 0; i < options.size(); i++) {
            scores.add(new Score(sums[i], options.get(i).length));
        }
        return scores;
    }

    /**
     * All prompts' prefixes in right-padded forward passes of up to {@code maxBatch} rows (longest first, so
     * rows of a pass have similar lengths), keeping the keys and values; then every option of every prompt of
     * the pass scored from that cache. The options of a prompt are packed into one row (more when they exceed
     * the context): each option's tokens sit at the positions right after its prompt and attend to the prompt
     * and to their own option's earlier tokens only, so a row of packed options scores each option exactly as
     * if it followed the prompt alone, and the prompt's cache is neither copied nor broadcast. Only the
     * positions that predict an option token go through the vocabulary-sized output layer.
     */
    @Override
    public List<List<Score>> scoreOptions(List<int[]> prompts, List<List<int[]>> options) {
        if (prompts.size() != options.size()) {
            throw new IllegalArgumentException("got " + prompts.size() + " prompts but " + options.size()
                    + " option lists; pass one list of options per prompt");
        }
        int n = prompts.size();
        int ctx = model.contextLength();
        int[][] prefixes = new int[n][];
        double[][] sums = new double[n][];
        List<Integer> active = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tokens.check(prompts.get(i), model.vocabSize(), "prompt");
            int longest = 0;
            for (int[] option : options.get(i)) {
                Tokens.check(option, model.vocabSize(), "option");
                longest = Math.max(longest, option.length);
            }
            if (longest > ctx) {
                throw new IllegalArgumentException("an option of prompt " + i + " has " + longest
                        + " tokens, more than the model context " + ctx);
            }
            sums[i] = new double[options.get(i).size()];
            if (longest > 0) {
                // same rule as the one-prompt variant: the prompt plus its longest option's inputs fit the context
                prefixes[i] = Tokens.tail(prompts.get(i), ctx - (longest - 1));
                active.add(i);
            }
        }
        active.sort(Comparator.comparingInt(i -> -prefixes[i].length));
        for (int start = 0; start < active.size(); start += maxBatch) {
            List<Integer> rows = active.subList(start, Math.min(active.size(), start + maxBatch));
            scorePromptBatch(prefixes, options, rows, sums);
        }
        List<List<Score>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Score> mine = new ArrayList<>(sums[i].length);
            for (int k = 0; k < sums[i].length; k++) {
                mine.add(new Score(sums[i][k], options.get(i).get(k).length));
            }
            out.add(mine);
        }
        return out;
    }

    /** One prefix pass over {@code rows} (sorted longest first), then their options from its cache. */
    private void scorePromptBatch(int[][] prefixes, List<List<int[]>> options, List<Integer> rows, double[][] sums) {
        int b = rows.size();
        int width = prefixes[rows.get(0)].length;
        int vocab = model.vocabSize();
        // right padding (id 0): a real position only attends to positions before it, never to the padding
        long[] tokens = new long[b * width];
        long[] lastPositions = new long[b];
        int[] lengths = new int[b];
        for (int r = 0; r < b; r++) {
            int[] prefix = prefixes[rows.get(r)];
            for (int i = 0; i < prefix.length; i++) {
                tokens[r * width + i] = prefix[i];
            }
            lengths[r] = prefix.length;
            lastPositions[r] = (long) r * width + prefix.length - 1;
        }
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
            KvCache cache = new KvCache(model.layers(), null);
            NDArray x = scope.create(tokens, new Shape(b, width));
            NDArray positions = scope.arange(0, width, 1, DataType.INT64).expandDims(0);
            NDArray last = model.hidden(x, positions, model.causalMask(width), cache, false) // [B, W, d]
                    .reshape(-1, model.hiddenSize())
                    .get(new NDIndex("{}", scope.create(lastPositions))); // [B, d]
            // each prompt's last position predicts the first token of every one of its options
            float[] first = model.logits(last).logSoftmax(-1).toFloatArray(); // [B, V]
            for (int r = 0; r < b; r++) {
                int row = rows.get(r);
                for (int k = 0; k < sums[row].length; k++) {
                    sums[row][k] = first[r * vocab + options.get(row).get(k)[0]];
                }
            }
            List<PackedRow> packed = pack(options, rows);
            for (int start = 0; start < packed.size(); start += maxBatch) {
                List<PackedRow> chunk = packed.subList(start, Math.min(packed.size(), start + maxBatch));
                scorePacked(scope, cache, width, lengths, options, rows, chunk, sums);
            }
        }
    }

    /**
     * The options of one prompt that have tokens after the first, packed side by side into one row.
     *
     * @param cacheRow the prompt's row in the prefix batch
     * @param optionIndexes which of the prompt's options, in packing order
     * @param length packed columns: the sum of (option length - 1)
     */
    private record PackedRow(int cacheRow, int[] optionIndexes, int length) {}

    /** Packs each prompt's multi-token options into rows of at most a context's worth of columns. */
    private List<PackedRow> pack(List<List<int[]>> options, List<Integer> rows) {
        int budget = model.contextLength();
        List<PackedRow> packed = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<int[]> mine = options.get(rows.get(r));
            List<Integer> current = new ArrayList<>();
            int length = 0;
            for (int k = 0; k < mine.size(); k++) {
                int extra = mine.get(k).length - 1;
                if (extra == 0) {
                    continue;
                }
                if (!current.isEmpty() && length + extra > budget) {
                    packed.add(new PackedRow(r, current.stream().mapToInt(Integer::intValue).toArray(), length));
                    current.clear();
                    length = 0;
                }
                current.add(k);
                length += extra;
            }
            if (!current.isEmpty()) {
                packed.add(new PackedRow(r, current.stream().mapToInt(Integer::intValue).toArray(), length));
            }
        }
        return packed;
    }

    /**
     * Adds log p(option[m + 1] | prompt, option[..m]) for m >= 0 of every packed option. Query column c of
     * option o (offset m in it) sits at position promptLength + m and sees the prompt's cached keys (not the
     * padding after a shorter prompt) and columns of o up to c; a padding column sees only itself, so no
     * softmax row is empty.
     */
    private void scorePacked(NDManager scope, KvCache cache, int width, int[] lengths, List<List<int[]>> options,
            List<Integer> rows, List<PackedRow> chunk, double[][] sums) {
        int b = chunk.size();
        int t = chunk.stream().mapToInt(PackedRow::length).max().orElseThrow();
        int keys = width + t;
        long[] inputs = new long[b * t];
        long[] positions = new long[b * t];
        float[] mask = new float[b * t * keys]; // [B, 1, T, W + T]
        Arrays.fill(mask, CausalLm.MASK_VALUE);
        long[] cacheRows = new long[b];
        int scored = chunk.stream().mapToInt(PackedRow::length).sum();
        long[] scoredColumns = new long[scored];
        long[] targets = new long[scored];
        int k = 0;
        for (int r = 0; r < b; r++) {
            PackedRow packedRow = chunk.get(r);
            cacheRows[r] = packedRow.cacheRow();
            int promptLength = lengths[packedRow.cacheRow()];
            List<int[]> mine = options.get(rows.get(packedRow.cacheRow()));
            int c = 0;
            for (int index : packedRow.optionIndexes()) {
                int[] option = mine.get(index);
                int optionStart = c;
                for (int m = 0; m < option.length - 1; m++, c++) {
                    int q = r * t + c;
                    inputs[q] = option[m];
                    positions[q] = promptLength + m;
                    Arrays.fill(mask, q * keys, q * keys + promptLength, 0f);
                    Arrays.fill(mask, q * keys + width + optionStart, q * keys + width + c + 1, 0f);
                    scoredColumns[k] = q;
                    targets[k++] = option[m + 1];
                }
            }
            for (; c < t; c++) {
                int q = r * t + c;
                mask[q * keys + width + c] = 0f;
            }
        }
        float[] logProbs;
        try (NDManager batch = scope.newSubManager()) {
            NDArray x = batch.create(inputs, new Shape(b, t));
            NDArray pos = batch.create(positions, new Shape(b, t));
            NDArray m = batch.create(mask, new Shape(b, 1, t, keys));
            NDArray hidden = model.hidden(x, pos, m, cache.select(cacheRows, batch), false) // [B, T, d]
                    .reshape(-1, model.hiddenSize())
                    .get(new NDIndex("{}", batch.create(scoredColumns))); // [N, d]
            NDArray y = batch.create(targets, new Shape(scored, 1));
            logProbs = model.logits(hidden).logSoftmax(-1).gather(y, -1).toFloatArray(); // [N]
        }
        k = 0;
        for (PackedRow packedRow : chunk) {
            int row = rows.get(packedRow.cacheRow());
            for (int index : packedRow.optionIndexes()) {
                for (int m = 0; m < options.get(row).get(index).length - 1; m++) {
                    sums[row][index] += logProbs[k++];
                }
            }
        }
    }

    /** Sum of log p(option[i] | prompt, option[..i]) for i >= 1, per option. */
    private double[] scoreAfterPrefix(NDManager scope, KvCache cache, int p, List<int[]> chunk) {
        int b = chunk.size();
        int t = chunk.stream().mapToInt(o -> o.length).max().orElseThrow() - 1;
        double[] sums = new double[b];
        if (t == 0) {
            return sums;
        }
        long[] inputs = new long[b * t];
        long[] targets = new long[b * t];
        for (int r = 0; r < b; r++) {
            int[] option = chunk.get(r);
            for (int i = 0; i < option.length - 1; i++) {
                inputs[r * t + i] = option[i];
                targets[r * t + i] = option[i + 1];
            }
        }
        try (NDManager batch = scope.newSubManager()) {
            NDArray x = batch.create(inputs, new Shape(b, t));
            NDArray y = batch.create(targets, new Shape(b, t, 1));
            NDArray positions = batch.arange(p, p + t, 1, DataType.INT64).expandDims(0); // [1, T]
            NDArray mask = model.causalMask(p, t); // [T, P + T]
            mask.attach(batch);
            NDArray hidden = model.hidden(x, positions, mask, cache.expand(b, batch), false); // [B, T, d]
            float[] logProbs = model.logits(hidden).logSoftmax(-1).gather(y, -1).toFloatArray(); // [B, T]
            for (int r = 0; r < b; r++) {
                for (int i = 0; i < chunk.get(r).length - 1; i++) {
                    sums[r] += logProbs[r * t + i];
                }
            }
        }
        return sums;
    }
}
