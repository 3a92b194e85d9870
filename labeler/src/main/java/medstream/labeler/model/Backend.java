package medstream.labeler.model;

import java.util.Locale;

/** Where the labeling model runs ({@code medstream.labeler.backend}). */
public enum Backend {
    /** The project's DJL model in this process ({@link DjlLabelingModel}), hot-reloaded from {@code model.versions}. */
    DJL,
    /** An OpenAI-compatible completions server ({@code medstream.labeler.model.openai}); nothing is hot-reloaded. */
    OPENAI;

    /** {@code djl} or {@code openai}, any case. */
    public static Backend parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "djl" -> DJL;
            case "openai" -> OPENAI;
            default -> throw new IllegalArgumentException("Unknown labeler backend '" + s + "': use djl or openai");
        };
    }
}
