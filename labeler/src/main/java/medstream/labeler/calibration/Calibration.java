package medstream.labeler.calibration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import medstream.labeler.core.ReasonCodes;

/**
 * The ACCEPT threshold one model version earned on held-out labeled items: the lowest confidence at which the
 * items it would accept are right often enough (the lower confidence bound of their accuracy clears the target).
 * When no threshold does, {@link #reached()} is false and the version's labels all go to REVIEW: a model that
 * cannot show it labels well on items it never trained on must not feed its labels back into training.
 *
 * @param modelVersion          the version measured
 * @param reached               whether some threshold met the target
 * @param threshold             the ACCEPT threshold (confidence at least this); {@code NaN} when not reached
 * @param items                 held-out items labeled
 * @param overallAccuracy       accuracy over all of them
 * @param accepted              items at or above the threshold (0 when not reached)
 * @param acceptedAccuracy      their accuracy ({@code NaN} when not reached)
 * @param acceptedLowerBound    one-sided lower confidence bound (Wilson) of that accuracy
 * @param targetAccuracy        what the lower bound had to reach
 * @param benchmark             where the items came from, e.g. {@code pubmedqa/dev}
 */
public record Calibration(String modelVersion, boolean reached, double threshold, int items, double overallAccuracy,
                          int accepted, double acceptedAccuracy, double acceptedLowerBound, double targetAccuracy,
                          String benchmark) {

    /** The REVIEW reason given to every label of a version that did not reach the target. */
    public String notReachedReason() {
        return String.format(Locale.ROOT, ReasonCodes.UNCALIBRATED + "(%s: no confidence threshold gives accuracy >= %.2f (lower bound) on %d "
                + "held-out %s items; overall accuracy %.3f)", modelVersion, targetAccuracy, items, benchmark, overallAccuracy);
    }

    /** One line for logs and consoles: the threshold and what it accepts, or why every label goes to REVIEW. */
    public String describe() {
        return reached
                ? String.format(Locale.ROOT, "ACCEPT at confidence >= %.3f (%d of %d held-out %s items, accuracy %.3f, lower bound "
                        + "%.3f; overall %.3f)", threshold, accepted, items, benchmark, acceptedAccuracy, acceptedLowerBound, overallAccuracy)
                : notReachedReason() + ": every label of this version goes to REVIEW";
    }

    /** For summaries. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_version", modelVersion);
        m.put("reached", reached);
        m.put("threshold", reached ? threshold : null);
        m.put("items", items);
        m.put("benchmark", benchmark);
        m.put("overall_accuracy", overallAccuracy);
        m.put("accepted", accepted);
        m.put("coverage", items == 0 ? 0.0 : (double) accepted / items);
        m.put("accepted_accuracy", reached ? acceptedAccuracy : null);
        m.put("accepted_accuracy_lower_bound", reached ? acceptedLowerBound : null);
        m.put("target_accuracy", targetAccuracy);
        return m;
    }
}
