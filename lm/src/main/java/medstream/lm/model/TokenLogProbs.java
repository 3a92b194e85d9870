package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import medstream.lm.LanguageModel;
import medstream.lm.Score;

/**
 * The log-probability of every token of a sequence given the tokens before it, and the perplexity over them.
 * Our decoders run one forward pass; any other {@link LanguageModel} is asked through its scorer, one single-token
 * continuation per position.
 *
 * @param ids the sequence (usually BOS + text)
 * @param logProbs natural log p(ids[i] | ids[..i]) for i >= 1; NaN at 0, which nothing predicts
 */
public record TokenLogProbs(int[] ids, double[] logProbs) {

    /**
     * Scores a sequence.
     *
     * @param model the model
     * @param ids at least two tokens, at most the model's context
     * @return per-token log-probabilities
     */
    public static TokenLogProbs of(LanguageModel model, int[] ids) {
        if (ids.length < 2) {
            throw new IllegalArgumentException("need at least two tokens (BOS + text) to score; got " + ids.length);
        }
        if (ids.length > model.contextLength()) {
            throw new IllegalArgumentException(ids.length + " tokens exceed the model context " + model.contextLength()
                    + "; score a shorter text");
        }
        Tokens.check(ids, model.vocabSize(), "text");
        double[] out = new double[ids.length];
        out[0] = Double.NaN;
        if (model instanceof DecoderNet net) {
            int t = ids.length - 1;
            try (NoGrad ignored = NoGrad.enter(); NDManager scope = net.openScope()) {
                NDArray x = scope.create(CausalLm.toLongs(Arrays.copyOf(ids, t)), new Shape(1, t));
                NDArray y = scope.create(CausalLm.toLongs(Arrays.copyOfRange(ids, 1, ids.length)), new Shape(1, t, 1));
                float[] lp = net.forwardLogits(x, false).logSoftmax(-1).gather(y, -1).toFloatArray(); // [T]
                for (int i = 0; i < t; i++) {
                    out[i + 1] = lp[i];
                }
            }
        } else {
            List<int[]> prompts = new ArrayList<>();
            List<int[]> next = new ArrayList<>();
            for (int i = 1; i < ids.length; i++) {
                prompts.add(Arrays.copyOf(ids, i));
                next.add(new int[] {ids[i]});
            }
            List<Score> scores = model.scorer().score(prompts, next);
            for (int i = 1; i < ids.length; i++) {
                out[i] = scores.get(i - 1).sumLogProb();
            }
        }
        return new TokenLogProbs(ids.clone(), out);
    }

    /** Sum of the log-probabilities of tokens 1.. . */
    public double sum() {
        double s = 0;
        for (int i = 1; i < logProbs.length; i++) {
            s += logProbs[i];
        }
        return s;
    }

    /** Number of scored tokens (all but the first). */
    public int scored() {
        return ids.length - 1;
    }

    /** exp(-mean log p) over the scored tokens. */
    public double perplexity() {
        return Math.exp(-sum() / scored());
    }
}
