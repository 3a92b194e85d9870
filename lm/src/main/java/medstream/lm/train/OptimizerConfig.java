package medstream.lm.train;

/**
 * AdamW settings (the learning rate comes from the {@link LrSchedule}). Defaults follow nanoGPT.
 *
 * @param beta1 decay of the first moment
 * @param beta2 decay of the second moment
 * @param eps added to the root of the second moment
 * @param weightDecay decoupled weight decay, applied to matrices only (never to biases or LayerNorm)
 * @param gradClip clip the global gradient norm to this value; 0 or less disables clipping
 * @param decayEmbeddings whether the token and position embeddings are decayed too
 */
public record OptimizerConfig(
        double beta1, double beta2, double eps, double weightDecay, double gradClip, boolean decayEmbeddings) {

    /** Validates ranges. */
    public OptimizerConfig {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
    }

    /** nanoGPT's: betas (0.9, 0.95), eps 1e-8, weight decay 0.1, clip 1.0, embeddings decayed. */
    public static OptimizerConfig defaults() {
        return new OptimizerConfig(0.9, 0.95, 1e-8, 0.1, 1.0, true);
    }

    /** Same settings with another weight decay. */
    public OptimizerConfig withWeightDecay(double decay) {
        return new OptimizerConfig(beta1, beta2, eps, decay, gradClip, decayEmbeddings);
    }

    /** Same settings with another clipping norm (0 disables). */
    public OptimizerConfig withGradClip(double clip) {
        return new OptimizerConfig(beta1, beta2, eps, weightDecay, clip, decayEmbeddings);
    }
}
