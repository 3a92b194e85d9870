package medstream.lm.tokenizer;

import java.util.List;

/**
 * Cuts text into pre-tokens, the units inside which BPE may merge bytes. No merge ever crosses a
 * pre-token boundary, so the pre-tokenizer decides what a token can possibly be.
 *
 * <p>Implementations are stateless and thread-safe. The concatenation of {@link #split} is always
 * the input string, so encoding loses nothing.
 */
public interface PreTokenizer {

    /** The name stored in {@code tokenizer.json}; {@link #forName} must map it back to an equal pre-tokenizer. */
    String name();

    /** Splits {@code text} into consecutive, non-empty pieces whose concatenation is {@code text}. */
    List<String> split(String text);

    /**
     * Looks up a pre-tokenizer by the name a saved tokenizer recorded.
     *
     * @throws IllegalArgumentException for a name this version does not know
     */
    static PreTokenizer forName(String name) {
        return CjkPreTokenizer.parse(name);
    }
}
