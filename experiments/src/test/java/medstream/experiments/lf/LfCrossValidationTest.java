package medstream.experiments.lf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.eval.StrategyMetrics;
import medstream.labeler.lf.LabelModel;
import medstream.labeler.lf.PubMedQaLfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The weak-supervision cross-validation on real PQA-L folds (three of them, to stay fast). */
class LfCrossValidationTest {
    private static List<CrossValidationFolds.Fold> folds;

    @BeforeAll
    static void readFolds() {
        String data = System.getProperty("medstream.shared.data");
        Path pqal = (data != null ? Path.of(data) : Path.of("../shared/data")).resolve("pubmedqa-pqal");
        folds = CrossValidationFolds.read(pqal.resolve("pqal_trainval.json"), pqal.resolve("pqal_cv_folds.json"));
    }

    private static LfCrossValidation.Settings settings() {
        LfCrossValidation.Settings d = LfCrossValidation.Settings.defaults();
        return new LfCrossValidation.Settings(LabelModel.Kind.DISCRIMINATIVE, d.targetAccuracy(), d.minAccepted(), 3, d.l2());
    }

    @Test
    void givenThreeFolds_whenCrossValidated_thenEveryHeldOutItemIsPredictedOnceAndTheLabelModelBeatsTheMajorityClass() {
        List<CrossValidationFolds.Fold> three = folds.subList(1, 4);

        LfCrossValidationReport r = LfCrossValidation.run(three, PubMedQaLfs.defaults(), OutOfFoldVotes.none(), settings());

        StrategyMetrics lm = r.metrics(LfCrossValidation.LABEL_MODEL + "discriminative");
        assertThat(lm.n()).isEqualTo(150);
        assertThat(lm.accuracy()).isGreaterThan(lm.majorityBaseline());
        assertThat(r.methods()).contains("label-model-generative", "majority-vote", "nb-conclusion", "no_negation");
        assertThat(r.foldMetrics("majority-vote")).containsOnlyKeys(1, 2, 3);
        Map<String, Object> json = r.toMap();
        assertThat(json).containsEntry("lf_set_hash", PubMedQaLfs.defaults().hash())
                .containsKeys("methods", "pooled_calibration", "analysis", "label_model_weights");
    }

    @Test
    void givenFoldZeroExcluded_whenFoldsAreBuilt_thenItsHeldOutItemsAreInNoTrainingPart() {
        Set<String> hidden = folds.get(0).heldOutIds();

        List<CrossValidationFolds.Fold> dev = LfCrossValidation.excluding(folds, 0);

        assertThat(dev).hasSize(folds.size() - 1).noneMatch(f -> f.index() == 0);
        Set<String> trained = new HashSet<>();
        dev.forEach(f -> trained.addAll(CrossValidationFolds.ids(f.train())));
        assertThat(trained).doesNotContainAnyElementsOf(hidden).hasSize(folds.size() * 50 - 50);
        assertThatThrownBy(() -> LfCrossValidation.excluding(folds, 42)).hasMessageContaining("no fold 42");
    }

    @Test
    void givenModelVotes_whenCrossValidated_thenTheModelVoterJoinsTheLabelModelAndTheAnalysis() {
        List<CrossValidationFolds.Fold> one = List.of(folds.get(1).limit(120, 30));
        Map<String, double[]> probs = new HashMap<>();
        // an oracle-like voter that knows the gold of every item: the label model must learn to follow it
        one.get(0).train().forEach(it -> probs.put(it.request().getId(), oneHot(it.gold())));
        one.get(0).heldOut().forEach(it -> probs.put(it.request().getId(), oneHot(it.gold())));

        LfCrossValidationReport r = LfCrossValidation.run(one, PubMedQaLfs.defaults(),
                OutOfFoldVotes.of(Map.of("oracle", probs)), settings());

        assertThat(r.modelVoters()).containsExactly("oracle");
        assertThat(r.metrics("oracle").accuracy()).isEqualTo(1.0);
        assertThat(r.metrics(LfCrossValidation.LABEL_MODEL + "discriminative").accuracy()).isGreaterThan(0.9);
    }

    private static double[] oneHot(String gold) {
        double[] p = new double[3];
        p[List.of("yes", "no", "maybe").indexOf(gold)] = 1;
        return p;
    }
}
