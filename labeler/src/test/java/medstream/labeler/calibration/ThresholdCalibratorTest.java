package medstream.labeler.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import medstream.labeler.calibration.ThresholdCalibrator.Outcome;
import org.junit.jupiter.api.Test;

class ThresholdCalibratorTest {
    private final ThresholdCalibrator calibrator = new ThresholdCalibrator(0.7, 10);

    @Test
    void givenKnownCounts_whenTheWilsonBoundIsComputed_thenItMatchesTheClosedForm() {
        // Expected values computed outside Java with the same formula, z = 1.2816 (one-sided 90%).
        assertThat(ThresholdCalibrator.wilsonLowerBound(10, 10)).isCloseTo(0.8589, within(1e-4));
        assertThat(ThresholdCalibrator.wilsonLowerBound(8, 10)).isCloseTo(0.6016, within(1e-4));
        assertThat(ThresholdCalibrator.wilsonLowerBound(40, 50)).isCloseTo(0.7185, within(1e-4));
        assertThat(ThresholdCalibrator.wilsonLowerBound(27, 50)).isCloseTo(0.4498, within(1e-4));
    }

    @Test
    void givenConfidentRightAndUnsureWrongAnswers_whenCalibrated_thenTheThresholdAcceptsExactlyTheConfidentOnes() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) outcomes.add(new Outcome(0.9 - i * 0.001, true));
        for (int i = 0; i < 30; i++) outcomes.add(new Outcome(0.5 - i * 0.001, i % 3 == 0));

        Calibration c = calibrator.calibrate("s3-v1", "pubmedqa/dev", outcomes);

        assertThat(c.reached()).isTrue();
        assertThat(c.accepted()).isGreaterThanOrEqualTo(20);
        assertThat(c.acceptedLowerBound()).isGreaterThanOrEqualTo(0.7);
        assertThat(c.acceptedAccuracy()).isGreaterThan(c.overallAccuracy());
        long acceptedByThreshold = outcomes.stream().filter(o -> o.confidence() >= c.threshold()).count();
        assertThat(acceptedByThreshold).isEqualTo(c.accepted());
        assertThat(c.items()).isEqualTo(50);
        assertThat(c.describe()).startsWith("ACCEPT at confidence >= ").contains("held-out pubmedqa/dev items");
    }

    @Test
    void givenAConstantAnswerRightAsOftenAsTheMajorityClass_whenCalibrated_thenNoThresholdIsReached() {
        // A model that says "yes" to everything with similar confidence: right on 27 of 50 (the yes share).
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) outcomes.add(new Outcome(0.75 + ((i * 7) % 11) * 0.005, i < 27));

        Calibration c = calibrator.calibrate("s3-v2", "pubmedqa/dev", outcomes);

        assertThat(c.reached()).isFalse();
        assertThat(c.threshold()).isNaN();
        assertThat(c.accepted()).isZero();
        assertThat(c.notReachedReason()).startsWith("UNCALIBRATED(s3-v2:").contains("50 held-out pubmedqa/dev items");
        assertThat(c.describe()).startsWith(c.notReachedReason()).endsWith("every label of this version goes to REVIEW");
    }

    @Test
    void givenTiedConfidences_whenCalibrated_thenATieIsAcceptedOrRejectedAsAWhole() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) outcomes.add(new Outcome(0.8, true));
        for (int i = 0; i < 12; i++) outcomes.add(new Outcome(0.6, i < 3));

        Calibration c = calibrator.calibrate("v", "b", outcomes);

        assertThat(c.reached()).isTrue();
        assertThat(c.threshold()).isEqualTo(0.8);
        assertThat(c.accepted()).isEqualTo(12);
    }

    @Test
    void givenFewerItemsThanTheMinimum_whenCalibrated_thenNothingIsReachedEvenIfAllAreRight() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 9; i++) outcomes.add(new Outcome(0.99, true));

        assertThat(calibrator.calibrate("v", "b", outcomes).reached()).isFalse();
    }
}
