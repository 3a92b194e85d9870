package medstream.labeler.core;

import medstream.contracts.LabelResult;

/** What became of one request: a result (ACCEPT or REVIEW), or a rejection for the dead-letter topic. */
public sealed interface LabelingOutcome {
    /** The request's id. */
    String requestId();

    /** A label result; REVIEW ones also go to the review topic. */
    record Labeled(LabelResult result) implements LabelingOutcome {
        @Override public String requestId() { return result.getRequestId(); }
    }

    /**
     * A request for the dead-letter topic.
     *
     * @param requestId   the request's id
     * @param code        a {@link ReasonCodes} constant (the dead letter's errorClass)
     * @param description what went wrong and what to do
     * @param cause       the exception, or null
     */
    record Rejected(String requestId, String code, String description, Throwable cause) implements LabelingOutcome {}
}
