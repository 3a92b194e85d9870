package medstream.ingest.io;

/** An entry that was read but does not have the shape its data set documents (missing field, bad key...). */
public class MalformedEntryException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedEntryException(String message) {
        super(message);
    }
}
