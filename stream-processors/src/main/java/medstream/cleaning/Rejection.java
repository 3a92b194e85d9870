package medstream.cleaning;

import java.util.Objects;

/**
 * Why a document was rejected: a typed verdict that maps one-to-one onto {@code CleanReject}.
 *
 * @param reason        stable reason code
 * @param filterName    the filter that decided, e.g. {@code quality.mean_word_length}
 * @param measuredValue the measured value, or {@code null} where nothing is measured
 * @param threshold     the threshold it failed, or {@code null}
 * @param detail        free detail: detected language, duplicated document id, evaluation item id
 */
public record Rejection(ReasonCode reason, String filterName, Double measuredValue, Double threshold,
                        String detail) {
    /** Checks the mandatory parts. */
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(filterName, "filterName");
    }

    /** A rejection with a measured value and the threshold it failed. */
    public static Rejection measured(ReasonCode reason, String filterName, double value, double threshold) {
        return new Rejection(reason, filterName, value, threshold, null);
    }

    /** A rejection that carries only a detail string. */
    public static Rejection withDetail(ReasonCode reason, String filterName, String detail) {
        return new Rejection(reason, filterName, null, null, detail);
    }
}
