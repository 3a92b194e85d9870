package medstream.experiments.crossval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import medstream.labeler.eval.LabelEvaluation;
import medstream.labeler.eval.Prediction;
import medstream.labeler.eval.StrategyMetrics;
import org.junit.jupiter.api.Test;

/** Pooling of held-out predictions over folds. */
class CrossValidationResultsTest {
    // fold 0: gold yes yes no   -> predicted yes no  no    (2/3 right)
    // fold 1: gold maybe yes    -> predicted maybe (none) (1/2 right)
    private static final List<Prediction> FOLD0 = List.of(
            new Prediction("a", "yes", "yes", 0.9, true),
            new Prediction("b", "yes", "no", 0.7, true),
            new Prediction("c", "no", "no", 0.6, false));
    private static final List<Prediction> FOLD1 = List.of(
            new Prediction("d", "maybe", "maybe", 0.8, true),
            new Prediction("e", "yes", null, 0.0, false));

    @Test
    void givenTwoFolds_whenPooled_thenMetricsAreThoseOfAllPredictionsTogether() {
        CrossValidationResults r = new CrossValidationResults();
        r.add(0, "ppl", FOLD0);
        r.add(1, "ppl", FOLD1);

        StrategyMetrics m = r.pooledMetrics().get(0);
        List<Prediction> all = new ArrayList<>(FOLD0);
        all.addAll(FOLD1);

        assertThat(m.n()).isEqualTo(5);
        assertThat(m.accuracy()).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(m).isEqualTo(LabelEvaluation.evaluate("ppl", all));
        assertThat(r.foldAccuracies("ppl")).containsExactly(Map.entry(0, 2.0 / 3), Map.entry(1, 0.5));
    }

    @Test
    void givenPredictions_whenCounted_thenTheConfusionMatchesEveryPredictionAndItsDiagonalTheAccuracy() {
        CrossValidationResults r = new CrossValidationResults();
        r.add(0, "ppl", FOLD0);
        r.add(1, "ppl", FOLD1);

        Map<String, Map<String, Integer>> c = r.confusion("ppl");

        assertThat(c.get("yes")).containsEntry("yes", 1).containsEntry("no", 1)
                .containsEntry(CrossValidationResults.NO_LABEL, 1);
        assertThat(c.get("no")).containsExactly(Map.entry("no", 1));
        assertThat(c.get("maybe")).containsExactly(Map.entry("maybe", 1));
        Map<String, Object> row = r.toMaps().get(0);
        assertThat(row).containsEntry("n", 5).containsKeys("fold_accuracy", "confusion", "coverage_curve");
        assertThat(row.get("predicted_counts")).isEqualTo(Map.of("yes", 1, "no", 2, "maybe", 1,
                CrossValidationResults.NO_LABEL, 1));
    }

    @Test
    void givenStrategiesAddedInAnOrder_whenListed_thenTheOrderIsKeptAndEachIsPooledApart() {
        CrossValidationResults r = new CrossValidationResults();
        r.add(0, "voc", FOLD0);
        r.add(0, "ppl", FOLD1);
        r.add(1, "voc", FOLD1);

        assertThat(r.strategies()).containsExactly("voc", "ppl");
        assertThat(r.pooledMetrics()).extracting(StrategyMetrics::n).containsExactly(5, 2);
    }

    @Test
    void givenAnItemPredictedAgainByTheSameStrategy_whenAdded_thenItIsRefused() {
        CrossValidationResults r = new CrossValidationResults();
        r.add(0, "ppl", FOLD0);

        assertThatThrownBy(() -> r.add(1, "ppl", List.of(FOLD0.get(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("b").hasMessageContaining("fold 1");
    }
}
