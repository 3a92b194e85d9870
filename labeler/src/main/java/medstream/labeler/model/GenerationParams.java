package medstream.labeler.model;

import java.util.List;

/**
 * Decoding settings for {@link LabelingModel#generate}.
 *
 * @param maxNewTokens most tokens generated per prompt
 * @param temperature  0 for greedy decoding, else the sampling temperature
 * @param topK         sample among the k most likely tokens (0: all)
 * @param seed         sampler seed, so a run can be repeated
 * @param stopAt       the text is cut before the first occurrence of this string (empty: never)
 * @param useCache     reuse keys and values of earlier positions (false: the uncached reference path)
 * @param choices      the answer must be one of these (empty: free text); a hint that a served model can enforce
 *                     ({@code structured_outputs.choice}) and the in-process model ignores, so callers still parse the text
 */
public record GenerationParams(int maxNewTokens, double temperature, int topK, long seed, String stopAt, boolean useCache,
                               List<String> choices) {
    /** Validates. */
    public GenerationParams {
        if (maxNewTokens <= 0) throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        if (!(temperature >= 0.0)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        stopAt = stopAt == null ? "" : stopAt;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** Free-text generation. */
    public GenerationParams(int maxNewTokens, double temperature, int topK, long seed, String stopAt, boolean useCache) {
        this(maxNewTokens, temperature, topK, seed, stopAt, useCache, List.of());
    }

    /** Greedy decoding with the cache, stopping at a newline. */
    public static GenerationParams greedy(int maxNewTokens) {
        return new GenerationParams(maxNewTokens, 0.0, 0, 0L, "\n", true);
    }

    /** Sampling with the cache, stopping at a newline. */
    public static GenerationParams sampling(int maxNewTokens, double temperature, int topK, long seed) {
        return new GenerationParams(maxNewTokens, temperature, topK, seed, "\n", true);
    }

    /** The same settings with or without the key/value cache. */
    public GenerationParams withCache(boolean cache) {
        return new GenerationParams(maxNewTokens, temperature, topK, seed, stopAt, cache, choices);
    }

    /** The same settings with another seed (self-consistency draws). */
    public GenerationParams withSeed(long newSeed) {
        return new GenerationParams(maxNewTokens, temperature, topK, newSeed, stopAt, useCache, choices);
    }

    /** The same settings, the answer restricted to {@code options} where the backend can enforce it. */
    public GenerationParams withChoices(List<String> options) {
        return new GenerationParams(maxNewTokens, temperature, topK, seed, stopAt, useCache, options);
    }

    /** True for greedy decoding. */
    public boolean isGreedy() {
        return temperature == 0.0;
    }

    /**
     * Cuts generated text before the first {@link #stopAt()}. A stop string right at the start (e.g. the newline after
     * "Explanation:") is skipped, not a stop, so an explanation that begins on a new line is kept. Every backend cuts
     * here, on the client, so the same generated tokens give the same text whichever backend produced them.
     */
    public String cutAtStop(String text) {
        if (stopAt.isEmpty()) return text;
        int stop = text.indexOf(stopAt);
        if (stop == 0) {
            int next = text.indexOf(stopAt, stopAt.length());
            return text.substring(stopAt.length(), next < 0 ? text.length() : next);
        }
        return stop > 0 ? text.substring(0, stop) : text;
    }
}
