package medstream.trainer.format;

/**
 * A record that cannot become training data; it goes to the dead-letter topic with {@link #reason()} as
 * its error class.
 */
public final class UnformattableRecordException extends RuntimeException {

    /** Reason: a required text field is empty. */
    public static final String EMPTY = "trainer.empty";
    /** Reason: longer than the truncation policy accepts. */
    public static final String OVER_LONG = "trainer.over-long";
    /** Reason: the answer key names none of the options, or there are fewer than two options. */
    public static final String BAD_OPTIONS = "trainer.bad-options";
    /** Reason: the sample weight is not a finite positive number. */
    public static final String BAD_WEIGHT = "trainer.bad-weight";
    /** Reason: the value bytes are not a record of the topic's schema. */
    public static final String UNREADABLE = "trainer.unreadable";

    private static final long serialVersionUID = 1L;
    private final String reason;

    /**
     * @param reason one of the reason constants
     * @param message what is wrong and what to do
     */
    public UnformattableRecordException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The reason code counted on the dead-letter topic. */
    public String reason() {
        return reason;
    }
}
