package medstream.labeler.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import medstream.contracts.LabelRequest;

/**
 * Checks a {@link LabelRequest} before it reaches a model: a question, at least one non-blank context
 * passage, and an option set that is a subset of yes/no/maybe with at least two distinct options (the
 * labels PubMedQA and stage 3 know). Options are canonicalised to lower case, keeping the request's order.
 */
public final class InputValidator {
    /** The option vocabulary of PubMedQA. */
    public static final List<String> KNOWN_OPTIONS = List.of("yes", "no", "maybe");

    /** Validates and builds the input (context passages joined by newlines). */
    public Validation validate(LabelRequest request) {
        String id = request.getId();
        if (request.getQuestion() == null || request.getQuestion().isBlank()) {
            return new Validation.Invalid(ReasonCodes.NO_QUESTION, "Request " + id + " has no question; the producer of "
                    + "label.requests must fill LabelRequest.question");
        }
        List<String> passages = new ArrayList<>();
        if (request.getContexts() != null) {
            for (String c : request.getContexts()) if (c != null && !c.isBlank()) passages.add(c.strip());
        }
        if (passages.isEmpty()) {
            return new Validation.Invalid(ReasonCodes.NO_CONTEXT, "Request " + id + " has no context passage; a question "
                    + "cannot be verified against nothing (fill LabelRequest.contexts)");
        }
        Set<String> options = new LinkedHashSet<>();
        List<String> raw = request.getOptions() == null ? List.of() : request.getOptions();
        for (String o : raw) options.add(o == null ? "" : o.strip().toLowerCase(Locale.ROOT));
        if (options.size() < 2 || options.size() != raw.size() || !KNOWN_OPTIONS.containsAll(options)) {
            return new Validation.Invalid(ReasonCodes.UNKNOWN_OPTIONS, "Request " + id + " has options " + raw
                    + "; the labeler knows at least two distinct of " + KNOWN_OPTIONS);
        }
        String longAnswer = request.getLongAnswer();
        return new Validation.Valid(new LabelInput(id, request.getQuestion().strip(), String.join("\n", passages),
                longAnswer == null || longAnswer.isBlank() ? null : longAnswer.strip(), List.copyOf(options)));
    }
}
