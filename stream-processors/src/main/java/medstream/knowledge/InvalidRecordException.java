package medstream.knowledge;

/**
 * An input record that cannot be rewritten (an answer key that names no option, an empty question ...).
 * The topologies send the record to the dead-letter topic with this message; the message names the
 * record and what was expected so the data set or its ingester can be fixed.
 */
public final class InvalidRecordException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception for the record {@code id} with the given expectation. */
    public InvalidRecordException(String id, String problem) {
        super("record " + id + ": " + problem);
    }
}
