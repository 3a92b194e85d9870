package medstream.trainer.format;

/**
 * Turns one input record into training tokens. Pure: the same record and tokenizer give the same example.
 *
 * @param <V> the record type of the stage's topic
 */
@FunctionalInterface
public interface RecordFormatter<V> {

    /**
     * Formats a record.
     *
     * @param record the input record
     * @return stage 1: the document's ids followed by EOS (packed into rows later, see {@link Packing});
     *     stages 2-3: one row with the loss masked on the prompt
     * @throws UnformattableRecordException when the record cannot be used (goes to the dead-letter topic)
     */
    Example format(V record);
}
