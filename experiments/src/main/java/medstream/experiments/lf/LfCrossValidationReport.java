package medstream.experiments.lf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import medstream.experiments.crossval.CrossValidationResults;
import medstream.labeler.calibration.Calibration;
import medstream.labeler.calibration.ThresholdCalibrator;
import medstream.labeler.eval.LabelEvaluation;
import medstream.labeler.eval.Prediction;
import medstream.labeler.eval.StrategyMetrics;
import medstream.labeler.lf.LabelingFunction;
import medstream.labeler.lf.LabelingFunctions;
import medstream.labeler.lf.LfAnalysis;

/**
 * What {@link LfCrossValidation} measured: per method the pooled and per-fold accuracy, macro-F1, and ACCEPT
 * coverage / accuracy at the fold's nested-calibrated threshold; the selected label model's threshold over all
 * out-of-fold predictions; the labeling functions' analysis and the label model's weights (fitted on all items).
 *
 * @param settings     the run's settings
 * @param lfs          the labeling functions (their hash and ids go to the report)
 * @param modelVoters  model voters that joined, empty for labeling functions alone
 * @param results      every method's held-out predictions, per fold
 * @param thresholds   method -> fold -> nested ACCEPT threshold (NaN: none reached the target)
 * @param pooled       the selected label model calibrated on all out-of-fold predictions
 * @param analysis     the voters' coverage, overlap, conflict and accuracy on all gold items
 * @param weights      the selected label model's weights, fitted on all gold items
 */
public record LfCrossValidationReport(LfCrossValidation.Settings settings, LabelingFunctions lfs, List<String> modelVoters,
        CrossValidationResults results, Map<String, Map<Integer, Double>> thresholds, Calibration pooled,
        LfAnalysis analysis, Map<String, Object> weights) {

    /** Pooled metrics of a method. */
    public StrategyMetrics metrics(String method) {
        return LabelEvaluation.evaluate(method, results.predictions(method));
    }

    /** Per-fold metrics of a method, by fold number. */
    public Map<Integer, StrategyMetrics> foldMetrics(String method) {
        Map<Integer, StrategyMetrics> out = new TreeMap<>();
        results.foldPredictions(method).forEach((f, ps) -> out.put(f, LabelEvaluation.evaluate(method, ps)));
        return out;
    }

    /**
     * What the service would decide for the selected label model if it were fitted on fold {@code fold}'s training
     * items and calibrated on its held-out items (the service calibrates on PQA-L fold 0's dev items, pubmedqa/dev).
     */
    public Calibration calibrationOnFold(int fold, double targetAccuracy, int minAccepted) {
        String method = LfCrossValidation.LABEL_MODEL + settings.labelModel().id();
        List<Prediction> ps = results.foldPredictions(method).getOrDefault(fold, List.of());
        return new ThresholdCalibrator(targetAccuracy, minAccepted).calibrate(method, "fold " + fold + " dev",
                ps.stream().map(p -> new ThresholdCalibrator.Outcome(p.confidence(), p.correct())).toList());
    }

    /** The methods in report order: label models, majority vote, naive Bayes, then each voter alone. */
    public List<String> methods() {
        return results.strategies();
    }

    /** Mean over folds of a metric. */
    public double foldMean(String method, ToDoubleFunction<StrategyMetrics> metric) {
        return foldMetrics(method).values().stream().mapToDouble(metric).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }

    /** JSON-ready: settings, set hash, per method pooled + per fold, pooled calibration, analysis, weights. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lf_set_hash", lfs.hash());
        // Ordered maps: Map.of iterates in a per-JVM order, which would reshuffle the JSON between identical runs.
        List<Map<String, String>> functions = new ArrayList<>();
        for (LabelingFunction f : lfs.functions()) {
            Map<String, String> fm = new LinkedHashMap<>();
            fm.put("id", f.id());
            fm.put("definition", f.definition());
            functions.add(fm);
        }
        m.put("labeling_functions", functions);
        m.put("model_voters", modelVoters);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("label_model", settings.labelModel().id());
        set.put("target_accuracy_lower_bound", settings.targetAccuracy());
        set.put("min_accepted", settings.minAccepted());
        set.put("inner_folds", settings.innerFolds());
        m.put("settings", set);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String method : methods()) {
            Map<String, Object> row = new LinkedHashMap<>(metrics(method).toMap());
            row.put("fold_mean_accuracy", foldMean(method, StrategyMetrics::accuracy));
            row.put("fold_mean_macro_f1", foldMean(method, StrategyMetrics::macroF1));
            Map<String, Object> folds = new LinkedHashMap<>();
            foldMetrics(method).forEach((f, fm) -> {
                Map<String, Object> fr = new LinkedHashMap<>();
                fr.put("accuracy", fm.accuracy());
                fr.put("macro_f1", fm.macroF1());
                double t = thresholds.get(method).get(f);
                fr.put("threshold", Double.isNaN(t) ? null : t);
                fr.put("accepted_fraction", fm.acceptedFraction());
                fr.put("accepted_accuracy", Double.isNaN(fm.acceptedAccuracy()) ? null : fm.acceptedAccuracy());
                folds.put(String.valueOf(f), fr);
            });
            row.put("folds", folds);
            row.put("confusion", results.confusion(method));
            rows.add(row);
        }
        m.put("methods", rows);
        m.put("pooled_calibration", pooled.toMap());
        m.put("analysis", analysis.toMap());
        m.put("label_model_weights", weights);
        return m;
    }

    /** A Markdown table of every method (pooled over the folds, and the per-fold mean), then the pooled calibration. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "LF set %s (%d functions)%s; ACCEPT thresholds by nested %d-fold calibration"
                + " (Wilson lower bound >= %.2f, >= %d items)%n%n", lfs.hash(), lfs.functions().size(),
                modelVoters.isEmpty() ? "" : " + model voters " + modelVoters, settings.innerFolds(),
                settings.targetAccuracy(), settings.minAccepted()));
        b.append("| method | accuracy | macro-F1 | fold mean acc | fold min acc | ACCEPT coverage | ACCEPT accuracy |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (String method : methods()) {
            StrategyMetrics s = metrics(method);
            double min = foldMetrics(method).values().stream().mapToDouble(StrategyMetrics::accuracy).min().orElse(Double.NaN);
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %s |%n", method, s.accuracy(),
                    s.macroF1(), foldMean(method, StrategyMetrics::accuracy), min, s.acceptedFraction(),
                    Double.isNaN(s.acceptedAccuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", s.acceptedAccuracy())));
        }
        b.append('\n').append("Selected label model, threshold over all out-of-fold predictions: ").append(pooled.describe()).append('\n');
        b.append(String.format(Locale.ROOT, "%nVoters on all %d gold items (%.3f have at least one vote):%n%n", analysis.items(), analysis.coverage()));
        b.append("| voter | coverage | overlap | conflict | accuracy where it votes | votes |\n|---|---|---|---|---|---|\n");
        for (LfAnalysis.VoterStats v : analysis.voters()) {
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %s |%n", v.voter(), v.coverage(), v.overlap(),
                    v.conflict(), v.accuracy(), v.labels()));
        }
        return b.toString();
    }
}
