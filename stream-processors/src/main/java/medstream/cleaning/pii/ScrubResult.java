package medstream.cleaning.pii;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A scrubbed text and how many identifiers of each type were replaced.
 *
 * @param text   the text with placeholders
 * @param counts replacements by type; types with none are absent
 */
public record ScrubResult(String text, Map<PiiType, Integer> counts) {
    /** Makes the counts unmodifiable. */
    public ScrubResult {
        counts = Collections.unmodifiableMap(counts.isEmpty() ? new EnumMap<>(PiiType.class)
                : new EnumMap<>(counts));
    }

    /** Total replacements. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
