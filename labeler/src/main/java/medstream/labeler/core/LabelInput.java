package medstream.labeler.core;

import java.util.List;

/**
 * A validated request, ready for a strategy.
 *
 * @param id         request id (PMID for PubMedQA)
 * @param question   the question
 * @param context    the context passages joined, possibly truncated to fit the model
 * @param longAnswer the abstract's conclusion, or null
 * @param options    the canonical options (lower case, subset of yes/no/maybe), in the request's order
 */
public record LabelInput(String id, String question, String context, String longAnswer, List<String> options) {
    /** Copies the options. */
    public LabelInput {
        options = List.copyOf(options);
    }

    /** True when a conclusion is known. */
    public boolean hasLongAnswer() {
        return longAnswer != null && !longAnswer.isBlank();
    }

    /** The same input with another context. */
    public LabelInput withContext(String newContext) {
        return new LabelInput(id, question, newContext, longAnswer, options);
    }
}
