package medstream.labeler.model;

import medstream.labeler.core.ReasonCodes;

/**
 * A model that is served elsewhere could not answer (server down, overloaded, unreadable answers), as opposed to a
 * model that failed on the request itself. The labeler dead-letters such a request with {@link ReasonCodes#BACKEND_ERROR}
 * and the message, so outages are counted apart from {@link ReasonCodes#MODEL_ERROR} and can be replayed.
 */
public class ModelBackendException extends RuntimeException {
    /** @param message what failed and what to check */
    public ModelBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
