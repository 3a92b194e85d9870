package medstream.lm.testing;

import medstream.lm.model.CausalLm;

/** Slow, obviously-correct recomputations to check the batched paths against. */
public final class Reference {

    private Reference() {}

    /** Sum of log p(continuation | prompt), one full forward pass over prompt + continuation. */
    public static double logLikelihood(CausalLm model, int[] prompt, int[] continuation) {
        int[] seq = new int[prompt.length + continuation.length];
        System.arraycopy(prompt, 0, seq, 0, prompt.length);
        System.arraycopy(continuation, 0, seq, prompt.length, continuation.length);
        int[] input = java.util.Arrays.copyOf(seq, seq.length - 1);
        float[][] logits = model.logits(input);
        double sum = 0;
        for (int i = prompt.length - 1; i < input.length; i++) {
            sum += logSoftmax(logits[i])[seq[i + 1]];
        }
        return sum;
    }

    /** Log-softmax in double precision. */
    public static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float f : logits) {
            max = Math.max(max, f);
        }
        double sum = 0;
        for (float f : logits) {
            sum += Math.exp(f - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }

    /** Greedy decoding by recomputing one unpadded sequence per step. */
    public static int[] greedy(CausalLm model, int[] prompt, int maxNew) {
        int[] seq = prompt.clone();
        int[] out = new int[maxNew];
        for (int s = 0; s < maxNew; s++) {
            float[][] logits = model.logits(seq);
            float[] last = logits[seq.length - 1];
            int best = 0;
            for (int v = 1; v < last.length; v++) {
                if (last[v] > last[best]) {
                    best = v;
                }
            }
            out[s] = best;
            seq = java.util.Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = best;
        }
        return out;
    }
}
