package medstream.lm.model;

import java.util.Locale;

/**
 * Shape and regularisation of a {@link CausalLm}: everything needed to rebuild the network before its
 * parameters are loaded. Serialised as {@code config.json} inside every checkpoint.
 *
 * @param vocabSize number of token ids (set from the tokenizer)
 * @param layers number of transformer blocks
 * @param dModel width of the residual stream
 * @param heads attention heads; {@code dModel} must be divisible by it
 * @param context maximum sequence length (size of the learned position table)
 * @param dropout dropout probability used while training (0 disables it)
 * @param seed seed for weight initialisation and per-step dropout masks
 */
public record ModelConfig(int vocabSize, int layers, int dModel, int heads, int context, double dropout, long seed) {

    /** Default seed of the presets, as in nanoGPT. */
    public static final long DEFAULT_SEED = 1337L;

    /** Validates the shape so a bad config fails here and not deep inside a matrix multiply. */
    public ModelConfig {
        requirePositive("vocabSize", vocabSize);
        requirePositive("layers", layers);
        requirePositive("dModel", dModel);
        requirePositive("heads", heads);
        requirePositive("context", context);
        if (dModel % heads != 0) {
            throw new IllegalArgumentException(
                    "dModel (" + dModel + ") must be divisible by heads (" + heads + "); pick e.g. heads = dModel / 64");
        }
        if (!(dropout >= 0.0 && dropout < 1.0)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /** Test preset: 2 layers, d 64, 2 heads, context 128; trains in seconds on a laptop core. */
    public static ModelConfig tiny(int vocabSize) {
        return new ModelConfig(vocabSize, 2, 64, 2, 128, 0.0, DEFAULT_SEED);
    }

    /** Local default on 2 CPU cores: 4 layers, d 256, 4 heads, context 256 (about 3.2M + 256 x vocab parameters). */
    public static ModelConfig small(int vocabSize) {
        return new ModelConfig(vocabSize, 4, 256, 4, 256, 0.0, DEFAULT_SEED);
    }

    /** GPU preset: 8 layers, d 512, 8 heads, context 512. */
    public static ModelConfig base(int vocabSize) {
        return new ModelConfig(vocabSize, 8, 512, 8, 512, 0.0, DEFAULT_SEED);
    }

    /** GPU preset shaped like GPT-2 small: 12 layers, d 768, 12 heads, context 1024. */
    public static ModelConfig large(int vocabSize) {
        return new ModelConfig(vocabSize, 12, 768, 12, 1024, 0.0, DEFAULT_SEED);
    }

    /**
     * Looks a preset up by name.
     *
     * @param name one of tiny, small, base, large (case-insensitive)
     * @param vocabSize vocabulary size of the tokenizer
     * @return the preset
     */
    public static ModelConfig preset(String name, int vocabSize) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> tiny(vocabSize);
            case "small" -> small(vocabSize);
            case "base" -> base(vocabSize);
            case "large" -> large(vocabSize);
            default -> throw new IllegalArgumentException(
                    "unknown model preset '" + name + "'; use one of tiny, small, base, large");
        };
    }

    /** Same config with another vocabulary size. */
    public ModelConfig withVocabSize(int newVocabSize) {
        return new ModelConfig(newVocabSize, layers, dModel, heads, context, dropout, seed);
    }

    /** Same config with another dropout. */
    public ModelConfig withDropout(double newDropout) {
        return new ModelConfig(vocabSize, layers, dModel, heads, context, newDropout, seed);
    }

    /** Same config with another seed. */
    public ModelConfig withSeed(long newSeed) {
        return new ModelConfig(vocabSize, layers, dModel, heads, context, dropout, newSeed);
    }

    /** Width of one attention head. */
    public int headDim() {
        return dModel / heads;
    }

    /** Number of parameters of the base network (the output layer is tied, so it adds none). */
    public long parameterCount() {
        long d = dModel;
        long perLayer = 2 * 2 * d // two LayerNorms
                + 4 * (d * d + d) // q, k, v, o
                + (4 * d * d + 4 * d) + (4 * d * d + d); // MLP in, out
        return (long) vocabSize * d + (long) context * d + layers * perLayer + 2 * d;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
