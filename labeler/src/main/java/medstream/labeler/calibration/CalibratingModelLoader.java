package medstream.labeler.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.eval.LabelEvaluation;
import medstream.labeler.eval.Prediction;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.ModelLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModelLoader} that calibrates every model version it loads before handing it over: it labels the
 * calibration set with the same pipeline (strategy, context fitting) the workers use, compares with the gold labels
 * and records the version's ACCEPT threshold in {@link Calibrations}. It runs on the loading thread (start-up or the
 * model-version follower), before the model reaches a worker, so no batch waits on it and every result of a version
 * is routed by that version's calibration.
 */
public final class CalibratingModelLoader implements ModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CalibratingModelLoader.class);
    /** Points of the recorded accuracy-vs-coverage curve (10 %, 20 %, ... of the items). */
    private static final int COVERAGE_STEPS = 10;

    private final ModelLoader delegate;
    private final CalibrationSet set;
    private final LabelingPipeline uncalibrated;
    private final ThresholdCalibrator calibrator;
    private final Calibrations calibrations;
    private final int batchSize;

    /**
     * @param uncalibrated a pipeline without calibrations (its own routing is ignored; only labels and confidences count)
     */
    public CalibratingModelLoader(ModelLoader delegate, CalibrationSet set, LabelingPipeline uncalibrated,
                                  ThresholdCalibrator calibrator, Calibrations calibrations, int batchSize) {
        this.delegate = delegate;
        this.set = set;
        this.uncalibrated = uncalibrated;
        this.calibrator = calibrator;
        this.calibrations = calibrations;
        this.batchSize = Math.max(1, batchSize);
    }

    @Override
    public LabelingModel load(Path checkpoint, String version, String device) {
        LabelingModel model = delegate.load(checkpoint, version, device);
        if (calibrations.forVersion(model.version()).isEmpty()) {
            try {
                calibrations.put(calibrate(model));
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
        return model;
    }

    /**
     * Labels the calibration set with {@code model} and derives its threshold; also records the version's
     * accuracy-vs-coverage curve on those items in the shared {@link Calibrations} (the run report draws it).
     */
    public Calibration calibrate(LabelingModel model) {
        if (uncalibrated.strategy() instanceof OutOfFoldSource source) {
            Optional<OutOfFoldSource.OutOfFold> oof = source.outOfFold(model);
            if (oof.isPresent()) return calibrateOutOfFold(model, oof.get());
        }
        long t0 = System.nanoTime();
        List<ThresholdCalibrator.Outcome> outcomes = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        List<CalibrationSet.Item> items = set.items();
        for (int from = 0; from < items.size(); from += batchSize) {
            List<CalibrationSet.Item> batch = items.subList(from, Math.min(items.size(), from + batchSize));
            List<LabelingOutcome> labeled = uncalibrated.label(batch.stream().map(CalibrationSet.Item::request).toList(), model);
            for (int i = 0; i < batch.size(); i++) {
                // An item the model cannot label (e.g. a context it cannot fit) counts as wrong at confidence 0.
                if (labeled.get(i) instanceof LabelingOutcome.Labeled l) {
                    outcomes.add(new ThresholdCalibrator.Outcome(l.result().getConfidence(), batch.get(i).gold().equals(l.result().getLabel())));
                    predictions.add(new Prediction(String.valueOf(from + i), batch.get(i).gold(), l.result().getLabel(), l.result().getConfidence(), false));
                } else {
                    outcomes.add(new ThresholdCalibrator.Outcome(0.0, false));
                    predictions.add(new Prediction(String.valueOf(from + i), batch.get(i).gold(), "", 0.0, false));
                }
            }
        }
        Calibration c = calibrator.calibrate(model.version(), set.benchmark(), outcomes);
        if (!predictions.isEmpty()) calibrations.putCoverageCurve(model.version(), LabelEvaluation.coverageCurve(predictions, COVERAGE_STEPS));
        LOG.info("Calibrated {} in {} ms: {}", model.version(), (System.nanoTime() - t0) / 1_000_000, c.describe());
        return c;
    }

    /** The threshold from a strategy's own out-of-fold predictions over its gold items (see {@link OutOfFoldSource}). */
    private Calibration calibrateOutOfFold(LabelingModel model, OutOfFoldSource.OutOfFold oof) {
        Calibration c = calibrator.calibrate(model.version(), oof.benchmark(), oof.outcomes());
        if (!oof.predictions().isEmpty()) {
            calibrations.putCoverageCurve(model.version(), LabelEvaluation.coverageCurve(oof.predictions(), COVERAGE_STEPS));
        }
        Map<String, Object> analysis = new LinkedHashMap<>(oof.analysis());
        analysis.put("dev", oof.devAt(c));
        calibrations.putAnalysis(model.version(), analysis);
        LOG.info("Calibrated {} on {} out-of-fold predictions: {}", model.version(), oof.outcomes().size(), c.describe());
        return c;
    }
}
