package medstream.ingest;

/** Ingestion could not go on: the registry or the broker refused work that is not one bad entry. */
public class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }

    public IngestException(String message) {
        super(message);
    }
}
