package medstream.labeler.core;

/** The outcome of checking a request: a labelable input, or a reason code and a description. */
public sealed interface Validation {
    /** A request that can be labeled. */
    record Valid(LabelInput input) implements Validation {}

    /**
     * A request that cannot be labeled.
     *
     * @param code        a {@link ReasonCodes} constant
     * @param description what is wrong and what to do about it
     */
    record Invalid(String code, String description) implements Validation {}
}
