package medstream.cleaning;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import medstream.cleaning.pii.PiiType;

/** What {@link CleaningPipeline} makes of a body: clean text with its signals, or a rejection. */
public sealed interface CleaningOutcome {

    /**
     * A cleaned text.
     *
     * @param text        normalised, stripped, scrubbed text
     * @param language    ISO 639-1 code
     * @param signals     quality signals and stripping counts by name
     * @param pii         placeholders inserted by type
     * @param contentHash SHA-256 (hex) of the text's dedup form
     */
    record Cleaned(String text, String language, Map<String, Double> signals, Map<PiiType, Integer> pii,
                   String contentHash) implements CleaningOutcome {
        /** Makes the maps unmodifiable. */
        public Cleaned {
            signals = Collections.unmodifiableMap(new LinkedHashMap<>(signals));
            pii = Collections.unmodifiableMap(pii.isEmpty() ? new EnumMap<>(PiiType.class) : new EnumMap<>(pii));
        }
    }

    /**
     * A rejected body.
     *
     * @param rejection why
     */
    record Rejected(Rejection rejection) implements CleaningOutcome {
    }
}
