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
 * Log-likelihood scoring with {@link CausalLm}. Pairs are sorted by length and right-padded into batches;
 * right padding needs no attention mask beyond the causal one, because a real token only ever attends to
 * positions before it, and the padding comes after.
 */
final class CausalLmScorer implements Scorer {

    private final CausalLm model;
    private final int maxBatch;

    CausalLmScorer(CausalLm model, int maxBatch) {
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
                    .reshape(-1, model.config().dModel()) // [B * T, d]
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
            KvCache cache = new KvCache(model.config().layers(), null);
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
