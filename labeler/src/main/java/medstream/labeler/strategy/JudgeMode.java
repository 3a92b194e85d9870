package medstream.labeler.strategy;

import java.util.Locale;

/** How Verification-of-Choice judges an explanation against the context. */
public enum JudgeMode {
    /** Score the answers " yes" / " no" to "Is this explanation supported by the context?". */
    PROMPT,
    /** The mean log-likelihood of the explanation given the context, compared across the options' explanations. */
    LIKELIHOOD;

    /** Parses {@code prompt} or {@code likelihood}. */
    public static JudgeMode parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "prompt" -> PROMPT;
            case "likelihood" -> LIKELIHOOD;
            default -> throw new IllegalArgumentException("Unknown VoC judge mode '" + s + "': use prompt or likelihood");
        };
    }
}
