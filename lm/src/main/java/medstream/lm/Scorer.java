package medstream.lm;

import java.util.ArrayList;
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

    /**
     * Scores the options of many prompts at once. Implementations with a key/value cache run every prompt once
     * (all of them in one padded forward pass) and score every (prompt, option) pair from that cache in batched
     * passes; each prompt is truncated as in {@link #scoreOptions(int[], List)} (the oldest tokens dropped so that
     * the prompt plus its longest option fits the context). The default calls the one-prompt variant per prompt,
     * so an implementation without a batched path keeps working.
     *
     * @param prompts token ids of each prompt (non-empty)
     * @param options per prompt, the token ids of each of its options (non-empty); same list size as {@code prompts}
     * @return per prompt, one score per option, in input order
     */
    default List<List<Score>> scoreOptions(List<int[]> prompts, List<List<int[]>> options) {
        if (prompts.size() != options.size()) {
            throw new IllegalArgumentException("got " + prompts.size() + " prompts but " + options.size()
                    + " option lists; pass one list of options per prompt");
        }
        List<List<Score>> out = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            out.add(scoreOptions(prompts.get(i), options.get(i)));
        }
        return out;
    }
}
