package medstream.trainer;

/** A round stopped before its checkpoint because the training thread was interrupted (shutdown or crash). */
public final class RoundAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message where it stopped */
    public RoundAbortedException(String message) {
        super(message);
    }
}
