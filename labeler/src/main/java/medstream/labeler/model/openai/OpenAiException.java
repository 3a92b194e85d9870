package medstream.labeler.model.openai;

import medstream.labeler.model.ModelBackendException;

/** A completion request that failed for good: not retryable, or still failing after the last retry. */
public final class OpenAiException extends ModelBackendException {
    /** @param message what was asked, what came back, how often it was tried, and what to check */
    public OpenAiException(String message, Throwable cause) {
        super(message, cause);
    }
}
