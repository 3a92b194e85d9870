package medstream.lm;

import java.util.List;

/** Continues prompts token by token. */
public interface Generator {

    /**
     * Generates continuations for a batch of prompts of any lengths.
     *
     * @param prompts token ids of each prompt (non-empty)
     * @param config decoding settings
     * @return the new tokens of each prompt (without the prompt), ending at the stop token if one was emitted
     */
    List<int[]> generate(List<int[]> prompts, GenerationConfig config);
}
