package medstream.labeler.calibration;

import java.util.List;
import java.util.Map;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;

/**
 * Settings of the labeler's threshold calibration, resolved like every medstream setting (flag, system property,
 * {@code MEDSTREAM_LABELER_CALIBRATION_*} environment variable, properties file, default).
 *
 * @param enabled        calibrate every loaded model version (else the fixed {@code medstream.labeler.threshold})
 * @param benchmark      eval-item benchmark whose labeled items calibrate, e.g. pubmedqa
 * @param split          its split, e.g. dev (never trained on: decontamination keeps eval items out of training)
 * @param targetAccuracy the one-sided 90% lower bound of the accepted items' accuracy must reach this
 * @param minAccepted    a threshold must accept at least this many calibration items
 * @param maxItems       at most this many calibration items are labeled per version (0 = all)
 */
public record CalibrationConfig(boolean enabled, String benchmark, String split, double targetAccuracy, int minAccepted,
                                int maxItems) {
    private static final String P = "medstream.labeler.calibration.";
    public static final Setting<Boolean> ENABLED = Setting.bool(P + "enabled", true,
            "Calibrate the ACCEPT threshold of every model version on held-out labeled eval items; a version that cannot "
                    + "reach the target sends every label to REVIEW");
    public static final Setting<String> BENCHMARK = Setting.string(P + "benchmark", "pubmedqa", "Eval-item benchmark used to calibrate");
    public static final Setting<String> SPLIT = Setting.string(P + "split", "dev", "Split of that benchmark used to calibrate");
    public static final Setting<Double> TARGET = Setting.decimal(P + "target-accuracy", 0.7,
            "Lower bound (one-sided 90%, Wilson) of the accuracy of accepted calibration items that a threshold must reach");
    public static final Setting<Integer> MIN_ACCEPTED = Setting.integer(P + "min-accepted", 10,
            "Fewest calibration items a threshold must accept");
    public static final Setting<Integer> MAX_ITEMS = Setting.integer(P + "max-items", 200,
            "Most calibration items labeled per model version (0 = all)");

    /** All settings, for printing the effective configuration. */
    public static final List<Setting<?>> ALL = List.of(ENABLED, BENCHMARK, SPLIT, TARGET, MIN_ACCEPTED, MAX_ITEMS);

    /** Validates. */
    public CalibrationConfig {
        if (!(targetAccuracy > 0 && targetAccuracy <= 1)) throw new IllegalArgumentException(TARGET.key() + " must be in (0,1], got " + targetAccuracy);
        if (minAccepted < 1) throw new IllegalArgumentException(MIN_ACCEPTED.key() + " must be >= 1, got " + minAccepted);
        if (maxItems < 0) throw new IllegalArgumentException(MAX_ITEMS.key() + " must be >= 0, got " + maxItems);
    }

    /** Resolves every setting. */
    public static CalibrationConfig from(Settings s) {
        return new CalibrationConfig(s.get(ENABLED), s.get(BENCHMARK), s.get(SPLIT), s.get(TARGET), s.get(MIN_ACCEPTED), s.get(MAX_ITEMS));
    }

    /** Calibration off: the fixed threshold decides (tests that exercise routing by a known threshold). */
    public static CalibrationConfig disabled() {
        return from(Settings.of(Map.of(ENABLED.key(), "false")));
    }

    /** The calibrator these settings describe. */
    public ThresholdCalibrator calibrator() {
        return new ThresholdCalibrator(targetAccuracy, minAccepted);
    }
}
