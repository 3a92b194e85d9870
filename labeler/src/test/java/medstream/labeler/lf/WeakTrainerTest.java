package medstream.labeler.lf;

import static medstream.labeler.testing.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.CalibratingModelLoader;
import medstream.labeler.calibration.Calibration;
import medstream.labeler.calibration.CalibrationSet;
import medstream.labeler.calibration.Calibrations;
import medstream.labeler.calibration.OutOfFoldSource;
import medstream.labeler.calibration.ThresholdCalibrator;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.eval.Prediction;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.SharedData;
import medstream.topics.config.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strategy weak fitted per model version, with model voters, and its out-of-fold calibration. */
class WeakTrainerTest {
    private static LabelerConfig config;

    @BeforeAll
    static void weakWithPplAsVoter() {
        config = LabelerConfig.from(Settings.of(Map.of(
                LabelerConfig.STRATEGY.key(), "weak",
                LabelerConfig.WEAK_GOLD_FILE.key(), SharedData.pqal().resolve("pqal_trainval.json").toString(),
                LabelerConfig.WEAK_FOLDS_FILE.key(), SharedData.pqal().resolve("pqal_cv_folds.json").toString(),
                LabelerConfig.WEAK_MODEL_VOTERS.key(), "ppl")));
    }

    @Test
    void givenTenFolds_whenFitted_thenEveryGoldItemHasExactlyOneOutOfFoldPredictionAndTheDevItemsAreFoldZero() {
        WeakSupervisionStrategy weak = WeakStrategies.create(config);

        OutOfFoldSource.OutOfFold oof = weak.outOfFold(new LexicalCueTestModel("s3-v0001")).orElseThrow();

        List<String> ids = oof.predictions().stream().map(Prediction::id).toList();
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).hasSize(500);
        assertThat(oof.outcomes()).hasSize(500);
        assertThat(oof.devIds()).hasSize(50).isSubsetOf(ids);
        assertThat(oof.analysis()).containsEntry("trained_on", 450).containsEntry("model_voters", List.of("ppl"));
        assertThat(oof.analysis().get("weights").toString()).contains("ppl");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> voters = (List<Map<String, Object>>) oof.analysis().get("voters");
        assertThat(voters).anySatisfy(v -> assertThat(v.get("voter")).isEqualTo("ppl"));
    }

    @Test
    void givenWeak_whenTheLoaderCalibratesAVersion_thenItCalibratesOnTheOutOfFoldPredictionsNotTheCalibrationSet() {
        Calibrations calibrations = new Calibrations();
        LabelingPipeline pipeline = new LabelingPipeline(config);
        CalibratingModelLoader loader = new CalibratingModelLoader((dir, v, d) -> new LexicalCueTestModel(v),
                new CalibrationSet("pubmedqa/dev", List.of()), pipeline, new ThresholdCalibrator(0.7, 10), calibrations, 8);

        loader.load(null, "s3-v0002", "cpu");

        Calibration c = calibrations.forVersion("s3-v0002").orElseThrow();
        assertThat(c.benchmark()).isEqualTo(WeakTrainer.OOF_BENCHMARK);
        assertThat(c.items()).isEqualTo(500);
        assertThat(calibrations.analyses().get("s3-v0002")).containsKey("dev").containsKey("weights");
        assertThat(calibrations.coverageCurves()).containsKey("s3-v0002");
    }

    @Test
    void givenPplAsVoter_whenARequestIsLabeled_thenItsVotesIncludeTheModelStrategyBesideTheRules() {
        LabelingPipeline p = new LabelingPipeline(WeakStrategies.create(config), config, Clock.systemUTC());

        LabelingOutcome out = p.label(List.of(request("r1", "Does the drug reduce mortality?", List.of("We randomised 200 "
                + "patients. Mortality fell."), "The drug did not reduce mortality.", List.of("yes", "no", "maybe"))),
                new LexicalCueTestModel("s3-v0003")).get(0);

        LabelResult r = ((LabelingOutcome.Labeled) out).result();
        assertThat(r.getVotes()).hasSize(PubMedQaLfs.defaults().functions().size() + 1);
        assertThat(r.getVotes()).anySatisfy(v -> assertThat(v.getVoter()).isEqualTo("ppl"));
        assertThat(r.getLabel()).isEqualTo("no");
    }
}
