package medstream.labeler.testing;

import java.time.Instant;
import java.util.List;
import medstream.contracts.LabelRequest;

/** Hand-made label requests for tests. */
public final class Requests {
    private Requests() {}

    /** A yes/no/maybe request with one context passage and no conclusion. */
    public static LabelRequest request(String id, String question, String context) {
        return request(id, question, List.of(context), null, List.of("yes", "no", "maybe"));
    }

    /** A request with every field given. */
    public static LabelRequest request(String id, String question, List<String> contexts, String longAnswer, List<String> options) {
        return LabelRequest.newBuilder()
                .setId(id)
                .setQuestion(question)
                .setContexts(contexts)
                .setLongAnswer(longAnswer)
                .setOptions(options)
                .setSource("test")
                .setRequestedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }

    /** A request whose context cue points to {@code label}: yes, no or maybe. */
    public static LabelRequest withCue(String id, String label) {
        String context = switch (label) {
            case "yes" -> "Treatment improved survival in all 120 patients studied.";
            case "no" -> "Treatment did not change survival in the 120 patients studied.";
            case "maybe" -> "Whether treatment changes survival remains unclear in the 120 patients studied.";
            default -> throw new IllegalArgumentException(label);
        };
        return request(id, "Does the treatment improve survival?", context);
    }
}
