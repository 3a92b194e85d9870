package medstream.labeler.calibration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calibration of every model version loaded so far, shared by the thread that loads models and the workers that
 * route their results. A version without an entry is routed by the fixed threshold.
 */
public final class Calibrations {
    private final Map<String, Calibration> byVersion = new ConcurrentHashMap<>();

    /** Records a version's calibration (a later one for the same version replaces it). */
    public void put(Calibration c) {
        byVersion.put(c.modelVersion(), c);
    }

    /** The calibration of {@code version}, if it was calibrated. */
    public Optional<Calibration> forVersion(String version) {
        return version == null ? Optional.empty() : Optional.ofNullable(byVersion.get(version));
    }

    /** Every calibration, by version, for summaries. */
    public Map<String, Calibration> all() {
        return new LinkedHashMap<>(byVersion);
    }
}
