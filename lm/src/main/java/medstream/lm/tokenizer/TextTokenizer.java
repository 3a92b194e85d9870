package medstream.lm.tokenizer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a consumer of a model needs from its tokenizer: text to ids and back, and the control tokens a
 * prompt starts with or generation stops at. Implemented by the project's {@link BpeTokenizer} and by
 * {@link medstream.lm.tokenizer.hf.HfTokenizer} (a Hugging Face {@code tokenizer.json} with byte-level
 * BPE), so scoring, generation and labeling code does not care which one produced the ids.
 *
 * <p>Implementations are thread-safe.
 */
public interface TextTokenizer {

    /**
     * Reads either kind of {@code tokenizer.json}: the project's format ({@code "format": "medstream-bpe"})
     * or a Hugging Face one ({@code "model": {"type": "BPE", ...}}).
     *
     * @param file the {@code tokenizer.json}
     * @return the tokenizer
     * @throws IOException when the file cannot be read or is neither kind
     */
    static TextTokenizer load(Path file) throws IOException {
        return Tokenizers.load(file);
    }

    /** Encodes text; control-token strings in it are ordinary text (safe for untrusted input). */
    int[] encode(String text);

    /**
     * Encodes text.
     *
     * @param allowSpecial when true, special-token strings in the text become their ids
     */
    int[] encode(String text, boolean allowSpecial);

    /** Number of tokens {@link #encode(String)} would return. */
    default int tokenCount(String text) {
        return encode(text).length;
    }

    /** Decodes ids, special tokens included as their text. */
    default String decode(int[] ids) {
        return decode(ids, false);
    }

    /**
     * Decodes ids to text; bytes that are not valid UTF-8 become U+FFFD.
     *
     * @param skipSpecial leave special tokens out
     * @throws IllegalArgumentException for an id this tokenizer does not have
     */
    String decode(int[] ids, boolean skipSpecial);

    /** One more than the largest id (the model's output layer must be at least this wide). */
    int vocabSize();

    /** The id every prompt starts with. */
    int bosId();

    /** The id that ends a document and stops generation. */
    int eosId();

    /** The id used to pad rows. */
    int padId();

    /** Whether the id is a control token rather than text. */
    boolean isSpecial(int id);
}
