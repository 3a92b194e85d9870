package medstream.lm;

/**
 * How to decode new tokens.
 *
 * @param maxNewTokens most tokens generated per prompt
 * @param temperature 0 for greedy decoding, otherwise the softmax temperature for sampling
 * @param topK sample only among the k most likely tokens; 0 for the whole vocabulary
 * @param seed seed of the sampler, so the same call gives the same text
 * @param stopTokenId generation of a row ends after it emits this id (kept in the output); -1 for none
 * @param useCache true to reuse keys and values of earlier positions; false recomputes the whole sequence
 *     every step (a reference path for tests and debugging)
 */
public record GenerationConfig(
        int maxNewTokens, double temperature, int topK, long seed, int stopTokenId, boolean useCache) {

    /** Validates the settings. */
    public GenerationConfig {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        }
        if (!(temperature >= 0.0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0 (0 = greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 = whole vocabulary), got " + topK);
        }
    }

    /** Greedy decoding with the cache. */
    public static GenerationConfig greedy(int maxNewTokens, int stopTokenId) {
        return new GenerationConfig(maxNewTokens, 0.0, 0, 0L, stopTokenId, true);
    }

    /** Sampling with temperature and top-k, with the cache. */
    public static GenerationConfig sampling(int maxNewTokens, double temperature, int topK, long seed, int stopTokenId) {
        return new GenerationConfig(maxNewTokens, temperature, topK, seed, stopTokenId, true);
    }

    /** Same settings with or without the key/value cache. */
    public GenerationConfig withCache(boolean cache) {
        return new GenerationConfig(maxNewTokens, temperature, topK, seed, stopTokenId, cache);
    }

    /** True when decoding picks the most likely token. */
    public boolean isGreedy() {
        return temperature == 0.0;
    }
}
