package medstream.cleaning.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import medstream.cleaning.Rejection;

/**
 * Quality signals of a text and the first filter it failed.
 *
 * @param signals measured values by signal name (length, mean_word_length, symbol_ratio, ...)
 * @param failure the first failed filter, or {@code null} when the text passes
 */
public record QualityReport(Map<String, Double> signals, Rejection failure) {
    /** Makes the signals unmodifiable, keeping their order. */
    public QualityReport {
        signals = Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    }

    /** Whether every filter passed. */
    public boolean passed() {
        return failure == null;
    }

    /** The failure, if any. */
    public Optional<Rejection> failureIfAny() {
        return Optional.ofNullable(failure);
    }
}
