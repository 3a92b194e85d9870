package medstream.lm;

/**
 * What a consumer of a trained model needs: scoring and generation over token ids. Implemented by our own
 * {@link medstream.lm.model.CausalLm}; a model owns native memory, so close it when done.
 */
public interface LanguageModel extends AutoCloseable {

    /** Number of token ids the model knows. */
    int vocabSize();

    /** Longest sequence (prompt plus continuation) the model attends over. */
    int contextLength();

    /** A scorer bound to this model; cheap to create. */
    Scorer scorer();

    /** A generator bound to this model; cheap to create. */
    Generator generator();

    /** Releases the model's native memory. */
    @Override
    void close();
}
