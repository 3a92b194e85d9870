package medstream.labeler.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import medstream.contracts.Decision;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.core.ReasonCodes;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.Requests;
import org.junit.jupiter.api.Test;

/**
 * Calibration end to end without Kafka: the cue test model answers each item by the cue in its context, so when the
 * gold labels agree with the cues it is right on every item, and when they are the cue shifted by one class it is
 * right on none.
 */
class CalibratingModelLoaderTest {
    private static final String[] LABELS = {"yes", "no", "maybe"};
    private final LabelerConfig config = LabelerConfig.of(Map.of("medstream.labeler.strategy", "ppl"));

    private static CalibrationSet set(boolean goldMatchesCue) {
        List<CalibrationSet.Item> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String cue = LABELS[i % 3];
            String gold = goldMatchesCue ? cue : LABELS[(i + 1) % 3];
            items.add(new CalibrationSet.Item(Requests.withCue("cal" + i, cue), gold));
        }
        return new CalibrationSet("pubmedqa/dev", items);
    }

    private LabelResult labelWith(Calibrations calibrations, LabelingModel model) {
        LabelRequest request = Requests.withCue("req", "no");
        LabelingOutcome out = new LabelingPipeline(config, calibrations).label(List.of(request), model).get(0);
        return ((LabelingOutcome.Labeled) out).result();
    }

    @Test
    void givenAModelRightOnTheHeldOutItems_whenLoaded_thenItEarnsAThresholdAndItsConfidentLabelsAreAccepted() {
        Calibrations calibrations = new Calibrations();
        CalibratingModelLoader loader = new CalibratingModelLoader((dir, v, d) -> new LexicalCueTestModel(v), set(true),
                new LabelingPipeline(config), new ThresholdCalibrator(0.7, 10), calibrations, 8);

        LabelingModel model = loader.load(Path.of("/models/s3-v1"), "s3-v1", "cpu");

        Calibration c = calibrations.forVersion("s3-v1").orElseThrow();
        assertThat(c.reached()).isTrue();
        assertThat(c.items()).isEqualTo(30);
        assertThat(c.overallAccuracy()).isEqualTo(1.0);
        assertThat(c.accepted()).isEqualTo(30);
        LabelResult r = labelWith(calibrations, model);
        assertThat(r.getLabel()).isEqualTo("no");
        assertThat(r.getDecision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void givenAModelWrongOnTheHeldOutItems_whenLoaded_thenEveryLabelOfThatVersionGoesToReviewWithTheReason() {
        Calibrations calibrations = new Calibrations();
        CalibratingModelLoader loader = new CalibratingModelLoader((dir, v, d) -> new LexicalCueTestModel(v), set(false),
                new LabelingPipeline(config), new ThresholdCalibrator(0.7, 10), calibrations, 8);

        LabelingModel model = loader.load(Path.of("/models/s3-v2"), "s3-v2", "cpu");

        Calibration c = calibrations.forVersion("s3-v2").orElseThrow();
        assertThat(c.reached()).isFalse();
        assertThat(c.overallAccuracy()).isZero();
        LabelResult r = labelWith(calibrations, model);
        assertThat(r.getLabel()).isEqualTo("no");
        assertThat(r.getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(r.getReason()).contains(ReasonCodes.UNCALIBRATED + "(s3-v2:");
    }

    @Test
    void givenAModelWrongOnTheHeldOutItems_whenLoaded_thenItsCoverageCurveIsRecordedFromTenPercentToAllItemsAtAccuracyZero() {
        Calibrations calibrations = new Calibrations();
        CalibratingModelLoader loader = new CalibratingModelLoader((dir, v, d) -> new LexicalCueTestModel(v), set(false),
                new LabelingPipeline(config), new ThresholdCalibrator(0.7, 10), calibrations, 8);

        loader.load(Path.of("/models/s3-v3"), "s3-v3", "cpu");

        var curve = calibrations.coverageCurves().get("s3-v3");
        assertThat(curve).hasSize(10);
        assertThat(curve.get(0).coverage()).isEqualTo(0.1);
        assertThat(curve.get(9).coverage()).isEqualTo(1.0);
        assertThat(curve.get(9).n()).isEqualTo(30);
        assertThat(curve).allMatch(p -> p.accuracy() == 0.0);
    }

    @Test
    void givenAVersionWithoutCalibration_whenLabeled_thenTheFixedThresholdRoutes() {
        LabelResult r = labelWith(new Calibrations(), new LexicalCueTestModel("s3-v9"));

        assertThat(r.getDecision()).isEqualTo(Decision.ACCEPT);
        assertThat(r.getReason()).isNull();
    }
}
