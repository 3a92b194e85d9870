package medstream.lm;

import java.util.List;

/**
 * Scores continuations by their log-likelihood under a causal language model. Prompts must not be empty
 * (prepend a BOS token); a pair longer than the model's context keeps the continuation whole and drops
 * the oldest prompt tokens.
 */
public interface Scorer {

    /**
     * Scores each (prompt, continuation) pair, batching and padding internally.
     *
     * @param prompts token ids of each prompt (non-empty)
     * @param continuations token ids of each continuation (non-empty), same list size as {@code prompts}
     * @return one score per pair, in input order
     */
    List<Score> score(List<int[]> prompts, List<int[]> continuations);

    /**
     * Scores several options after one shared prompt; the prompt is run once and its key/value cache is
     * reused for all options, which are scored as one batch.
     *
     * @param prompt token ids of the shared prompt (non-empty)
     * @param options token ids of each option (non-empty)
     * @return one score per option, in input order
     */
    List<Score> scoreOptions(int[] prompt, List<int[]> options);
}
