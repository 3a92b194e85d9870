package medstream.labeler.core;

import java.util.Locale;

/** What to do when a request's context does not fit the model's window. */
public enum ContextOverflowPolicy {
    /** Keep the head and the tail, cut the middle; flag CONTEXT_TRUNCATED. Abstracts state aim and result at the ends. */
    TRUNCATE_MIDDLE,
    /** Keep the head, cut the end; flag CONTEXT_TRUNCATED. */
    TRUNCATE_END,
    /** Label the truncated context (middle cut) but route the result to REVIEW. */
    REVIEW,
    /** Send the request to the dead-letter topic without labeling it. */
    DLQ;

    /** Parses {@code truncate-middle}, {@code truncate-end}, {@code review} or {@code dlq}. */
    public static ContextOverflowPolicy parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "truncate-middle" -> TRUNCATE_MIDDLE;
            case "truncate-end" -> TRUNCATE_END;
            case "review" -> REVIEW;
            case "dlq" -> DLQ;
            default -> throw new IllegalArgumentException("Unknown context-overflow policy '" + s
                    + "': use truncate-middle, truncate-end, review or dlq");
        };
    }
}
