package medstream.labeler.core;

import java.util.function.ToIntFunction;

/**
 * Cuts a context to a token budget: from the end, or from the middle (keeping the head and the tail,
 * where abstracts state their aim and their result). Token counts come from the model's tokenizer; the
 * cut is found by bisection on the character length, so it works for any tokenizer.
 */
public final class ContextFitter {
    /** Marks where text was removed. */
    public static final String ELLIPSIS = " [...] ";

    private ContextFitter() {}

    /**
     * The longest cut of {@code context} whose token count is at most {@code budget}.
     *
     * @param middle true to cut the middle, false to cut the end
     */
    public static String fit(String context, int budget, boolean middle, ToIntFunction<String> tokens) {
        if (tokens.applyAsInt(context) <= budget) return context;
        int lo = 0;
        int hi = context.length();
        // Invariant: cut(lo) fits (the empty cut always does for budget >= the marker's tokens); find the largest.
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (tokens.applyAsInt(cut(context, mid, middle)) <= budget) lo = mid;
            else hi = mid - 1;
        }
        return cut(context, lo, middle);
    }

    /** {@code keep} characters of {@code s}: the head, or half head and half tail around the marker. */
    static String cut(String s, int keep, boolean middle) {
        if (keep >= s.length()) return s;
        if (!middle) return s.substring(0, keep);
        int head = (keep + 1) / 2;
        int tail = keep - head;
        return s.substring(0, head) + ELLIPSIS + s.substring(s.length() - tail);
    }
}
