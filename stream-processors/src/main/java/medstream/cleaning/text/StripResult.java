package medstream.cleaning.text;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The text left after stripping, and how much of each kind was removed.
 *
 * @param text    the stripped text
 * @param removed removed lines (sentences for copyright) by kind; kinds with nothing removed are absent
 */
public record StripResult(String text, Map<StripKind, Integer> removed) {
    /** Makes the counts unmodifiable. */
    public StripResult {
        removed = Collections.unmodifiableMap(removed.isEmpty() ? new EnumMap<>(StripKind.class)
                : new EnumMap<>(removed));
    }

    /** Lines (or sentences) removed of one kind. */
    public int removed(StripKind kind) {
        return removed.getOrDefault(kind, 0);
    }
}
