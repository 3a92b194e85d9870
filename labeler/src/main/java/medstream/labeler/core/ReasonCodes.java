package medstream.labeler.core;

/** Reason codes that results, dead letters and summaries count by. */
public final class ReasonCodes {
    /** The request has no question. */
    public static final String NO_QUESTION = "NO_QUESTION";
    /** The request has no non-blank context passage. */
    public static final String NO_CONTEXT = "NO_CONTEXT";
    /** The options are not a subset of yes/no/maybe with at least two distinct entries. */
    public static final String UNKNOWN_OPTIONS = "UNKNOWN_OPTIONS";
    /** The context does not fit the model's window (policy review or dlq). */
    public static final String CONTEXT_OVER_WINDOW = "CONTEXT_OVER_WINDOW";
    /** Flag: the context was cut to fit the model's window. */
    public static final String CONTEXT_TRUNCATED = "CONTEXT_TRUNCATED";
    /** The value could not be read as a LabelRequest. */
    public static final String BAD_RECORD = "BAD_RECORD";
    /** The model failed on this request alone. */
    public static final String MODEL_ERROR = "MODEL_ERROR";
    /** A model served elsewhere (the openai backend) could not answer, after its retries. */
    public static final String BACKEND_ERROR = "BACKEND_ERROR";
    /** Confidence under the threshold. */
    public static final String LOW_CONFIDENCE = "LOW_CONFIDENCE";
    /** Ensemble members chose different options. */
    public static final String STRATEGIES_DISAGREE = "STRATEGIES_DISAGREE";
    /** The prompt alone (question and conclusion of a context-free strategy) does not fit the model's window. */
    public static final String PROMPT_OVER_WINDOW = "PROMPT_OVER_WINDOW";
    /** The model version could not show on held-out items that any confidence threshold labels well enough. */
    public static final String UNCALIBRATED = "UNCALIBRATED";

    private ReasonCodes() {}
}
