package medstream.labeler.model;

import java.util.List;
import java.util.Objects;

/**
 * A prompt and the continuations to score after it (e.g. {@code " yes"}, {@code " no"}, {@code " maybe"}).
 *
 * @param prompt  the shared prefix, non-empty
 * @param options the continuations, non-empty, each non-empty
 */
public record PromptWithOptions(String prompt, List<String> options) {
    /** Validates and copies. */
    public PromptWithOptions {
        Objects.requireNonNull(prompt, "prompt");
        options = List.copyOf(options);
        if (options.isEmpty()) throw new IllegalArgumentException("at least one option is needed to score a prompt");
        for (String o : options) {
            if (o.isEmpty()) throw new IllegalArgumentException("an option continuation must not be empty (prompt: "
                    + abbreviate(prompt) + ")");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
