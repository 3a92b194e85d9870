package medstream.experiments.crossval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import medstream.labeler.eval.LabelEvaluation;
import medstream.labeler.eval.Prediction;
import medstream.labeler.eval.StrategyMetrics;

/**
 * Collects the held-out predictions of every fold, per strategy, and evaluates each strategy over all of them
 * pooled (the usual way to report k-fold cross-validation on PQA-L), plus the per-fold accuracies that show the
 * spread and the gold-by-predicted counts that the pooled metrics come from. Refuses an item predicted twice by
 * the same strategy: every item is held out in exactly one fold.
 */
public final class CrossValidationResults {
    /** Label of a prediction that gave none (a request the pipeline rejected). */
    public static final String NO_LABEL = "(none)";

    private final Map<String, List<Prediction>> pooled = new LinkedHashMap<>();
    private final Map<String, Map<Integer, List<Prediction>>> byFold = new LinkedHashMap<>();
    private final Map<String, Set<String>> seen = new LinkedHashMap<>();

    /**
     * Adds one fold's predictions of one strategy.
     *
     * @throws IllegalStateException when an item already has a prediction of this strategy
     */
    public void add(int fold, String strategy, List<Prediction> predictions) {
        Set<String> ids = seen.computeIfAbsent(strategy, s -> new HashSet<>());
        for (Prediction p : predictions) {
            if (!ids.add(p.id())) {
                throw new IllegalStateException("Item " + p.id() + " was predicted twice by " + strategy + " (again in fold "
                        + fold + "); each item must be held out in exactly one fold");
            }
        }
        pooled.computeIfAbsent(strategy, s -> new ArrayList<>()).addAll(predictions);
        byFold.computeIfAbsent(strategy, s -> new TreeMap<>()).computeIfAbsent(fold, f -> new ArrayList<>()).addAll(predictions);
    }

    /** The strategies in the order they were first added. */
    public List<String> strategies() {
        return List.copyOf(pooled.keySet());
    }

    /** Every prediction of a strategy, in the order added. */
    public List<Prediction> predictions(String strategy) {
        return List.copyOf(pooled.getOrDefault(strategy, List.of()));
    }

    /** Metrics over all folds' predictions of each strategy, in {@link #strategies()} order. */
    public List<StrategyMetrics> pooledMetrics() {
        List<StrategyMetrics> out = new ArrayList<>();
        pooled.forEach((s, ps) -> out.add(LabelEvaluation.evaluate(s, ps)));
        return out;
    }

    /** A strategy's predictions of each fold's held-out items, by fold number. */
    public Map<Integer, List<Prediction>> foldPredictions(String strategy) {
        Map<Integer, List<Prediction>> out = new TreeMap<>();
        byFold.getOrDefault(strategy, Map.of()).forEach((f, ps) -> out.put(f, List.copyOf(ps)));
        return out;
    }

    /** Accuracy of a strategy on each fold's held-out items, by fold number. */
    public Map<Integer, Double> foldAccuracies(String strategy) {
        Map<Integer, Double> out = new TreeMap<>();
        byFold.getOrDefault(strategy, Map.of()).forEach((f, ps) -> out.put(f, LabelEvaluation.accuracy(ps)));
        return out;
    }

    /** {@code gold -> predicted -> count} of a strategy; a missing label counts under {@value #NO_LABEL}. */
    public Map<String, Map<String, Integer>> confusion(String strategy) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (Prediction p : pooled.getOrDefault(strategy, List.of())) {
            out.computeIfAbsent(p.gold(), g -> new TreeMap<>())
                    .merge(p.predicted() == null ? NO_LABEL : p.predicted(), 1, Integer::sum);
        }
        return out;
    }

    /** Per strategy: the pooled metrics' map plus {@code fold_accuracy}, {@code confusion} and {@code predicted_counts}. */
    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StrategyMetrics m : pooledMetrics()) {
            Map<String, Object> row = new LinkedHashMap<>(m.toMap());
            Map<String, Double> folds = new LinkedHashMap<>();
            foldAccuracies(m.strategy()).forEach((f, a) -> folds.put(String.valueOf(f), a));
            row.put("fold_accuracy", folds);
            row.put("confusion", confusion(m.strategy()));
            Map<String, Integer> predicted = new TreeMap<>();
            confusion(m.strategy()).values().forEach(byPred -> byPred.forEach((k, v) -> predicted.merge(k, v, Integer::sum)));
            row.put("predicted_counts", predicted);
            out.add(row);
        }
        return out;
    }
}
