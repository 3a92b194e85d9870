package medstream.labeler.core;

import java.util.Locale;

/** Where a request that cannot be labeled goes (no question, no context, unknown option set, too long). */
public enum BadInputPolicy {
    /** A dead letter with the reason code (the default: a person or a fix upstream looks at it). */
    DLQ,
    /** A LabelResult with decision REVIEW, an empty label and the reason. */
    REVIEW;

    /** Parses {@code dlq} or {@code review}. */
    public static BadInputPolicy parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "dlq" -> DLQ;
            case "review" -> REVIEW;
            default -> throw new IllegalArgumentException("Unknown bad-input policy '" + s + "': use dlq or review");
        };
    }
}
