package medstream.labeler.calibration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import medstream.labeler.eval.Prediction;
import medstream.labeler.model.LabelingModel;

/**
 * A strategy that is itself trained on labeled items (strategy {@code weak}: its label model learns from gold) and can
 * therefore predict each of those items with a model that did not train on it. Such out-of-fold predictions over the
 * ~500 gold items calibrate a version far more tightly than the 50 dev items the loader would otherwise label: the
 * Wilson bound over 500 items is about three times narrower.
 */
public interface OutOfFoldSource {

    /**
     * The out-of-fold predictions for {@code model}'s version, or empty when the strategy has none (no folds file):
     * the loader then calibrates on its calibration set as for any strategy.
     */
    Optional<OutOfFold> outOfFold(LabelingModel model);

    /**
     * Out-of-fold predictions and what the strategy learned for one version.
     *
     * @param benchmark   where the items came from, e.g. {@code pqal-trainval/oof}
     * @param outcomes    one per item: confidence and whether the label was right
     * @param predictions the same items for the coverage curve
     * @param analysis    JSON-ready analysis for summaries (voters' coverage, overlap, conflict, accuracy; weights)
     * @param devIds      the predictions that are the run's dev items (the serving model's held-out fold): their
     *                    accuracy at the calibrated threshold is what the run reports as "accepted accuracy on dev"
     */
    record OutOfFold(String benchmark, List<ThresholdCalibrator.Outcome> outcomes, List<Prediction> predictions,
                     Map<String, Object> analysis, Set<String> devIds) {
        /** Copies. */
        public OutOfFold {
            outcomes = List.copyOf(outcomes);
            predictions = List.copyOf(predictions);
            devIds = Set.copyOf(devIds);
            analysis = Collections.unmodifiableMap(new LinkedHashMap<>(analysis)); // keeps order and null cells
        }

        /** The dev items at {@code c}'s threshold: {items, accepted, accepted_accuracy (null when none)}. */
        public Map<String, Object> devAt(Calibration c) {
            int n = 0;
            int accepted = 0;
            int right = 0;
            for (Prediction p : predictions) {
                if (!devIds.contains(p.id())) continue;
                n++;
                if (!c.reached() || p.confidence() < c.threshold()) continue;
                accepted++;
                if (p.gold().equals(p.predicted())) right++;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("items", n);
            m.put("accepted", accepted);
            m.put("accepted_accuracy", accepted == 0 ? null : (double) right / accepted);
            return m;
        }
    }
}
