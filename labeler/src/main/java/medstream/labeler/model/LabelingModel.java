package medstream.labeler.model;

import java.util.List;

/**
 * What the labeler needs from a language model: option scoring and text generation over strings.
 * The labeler's strategies, service, offline command and benchmark are written against this
 * interface only, so the same code runs the project's DJL model ({@link DjlLabelingModel}) on CPU or
 * a GPU, and tests run it against a deterministic test double.
 *
 * <p>A model owns native memory: one owner closes it (the worker that swapped it out, or the
 * try-with-resources of the offline command). Implementations need not be thread-safe; each worker
 * uses its own instance from one inference thread.
 */
public interface LabelingModel extends AutoCloseable {

    /** The model version that results name, e.g. {@code s3-v4}. */
    String version();

    /** The device inference runs on, e.g. {@code cpu} or {@code gpu(0)}. */
    String device();

    /** Longest sequence (prompt plus continuation) the model attends over, in tokens. */
    int contextWindow();

    /** Number of tokens the model's tokenizer makes of {@code text} (for the context-window check). */
    int countTokens(String text);

    /**
     * Log-likelihood of each option continuing its prompt, for a batch of prompts.
     *
     * @param batch prompts with their options
     * @param mode  {@link ScoringMode#SHARED_PREFIX} runs each prompt once and reuses its key/value cache for
     *              all of its options; {@link ScoringMode#INDEPENDENT} recomputes every (prompt, option) pair
     *              (the reference path the benchmark compares against)
     * @return one {@link OptionScores} per input, in input order
     */
    List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode);

    /** {@link #scoreOptions(List, ScoringMode)} with the shared-prefix cache. */
    default List<OptionScores> scoreOptions(List<PromptWithOptions> batch) {
        return scoreOptions(batch, ScoringMode.SHARED_PREFIX);
    }

    /**
     * Continues each prompt.
     *
     * @return the generated text of each prompt (without the prompt), cut at {@link GenerationParams#stopAt()}
     */
    List<String> generate(List<String> prompts, GenerationParams params);

    /** Releases the model's memory. */
    @Override
    void close();
}
