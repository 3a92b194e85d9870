package medstream.labeler.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics on hand-made predictions whose values are worked out in the comments. */
class LabelEvaluationTest {
    // gold      yes   yes   no    no    maybe yes
    // predicted yes   no    no    yes   maybe yes
    // conf      0.90  0.80  0.70  0.60  0.95  0.55
    // correct   1     0     1     0     1     1
    private static final List<Prediction> SIX = List.of(
            new Prediction("a", "yes", "yes", 0.90, true),
            new Prediction("b", "yes", "no", 0.80, true),
            new Prediction("c", "no", "no", 0.70, true),
            new Prediction("d", "no", "yes", 0.60, false),
            new Prediction("e", "maybe", "maybe", 0.95, true),
            new Prediction("f", "yes", "yes", 0.55, false));

    @TempDir
    Path dir;

    @Test
    void givenSixPredictions_whenEvaluated_thenAccuracyAndMajorityBaselineAreCounts() {
        assertThat(LabelEvaluation.accuracy(SIX)).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(LabelEvaluation.majorityBaseline(SIX)).isCloseTo(3.0 / 6, within(1e-12));
    }

    @Test
    void givenSixPredictions_whenF1IsComputed_thenEachClassFollowsItsConfusionCounts() {
        // yes: tp 2 (a, f), fp 1 (d), fn 1 (b) -> 4/6; no: tp 1 (c), fp 1 (b), fn 1 (d) -> 2/4; maybe: 1.
        assertThat(LabelEvaluation.perClassF1(SIX)).containsEntry("maybe", 1.0).containsEntry("no", 0.5);
        assertThat(LabelEvaluation.perClassF1(SIX).get("yes")).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(LabelEvaluation.macroF1(SIX)).isCloseTo((4.0 / 6 + 0.5 + 1.0) / 3, within(1e-12));
    }

    @Test
    void givenSixPredictions_whenEceIsComputed_thenEachBinAddsItsWeightedGap() {
        // bin 9: {0.90 ok, 0.95 ok}: 2/6*|1-0.925|; bin 8: 1/6*0.8; bin 7: 1/6*0.3; bin 6: 1/6*0.6; bin 5: 1/6*0.45.
        double expected = 2.0 / 6 * 0.075 + (0.8 + 0.3 + 0.6 + 0.45) / 6;
        assertThat(LabelEvaluation.expectedCalibrationError(SIX, 10)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void givenPerfectlyCalibratedPredictions_whenEceIsComputed_thenItIsZero() {
        List<Prediction> ps = new ArrayList<>();
        for (int i = 0; i < 10; i++) ps.add(new Prediction("p" + i, "yes", i < 8 ? "yes" : "no", 0.8, true));

        assertThat(LabelEvaluation.expectedCalibrationError(ps, 10)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void givenSixPredictions_whenTheCoverageCurveIsComputed_thenTheMostConfidentComeFirst() {
        // By confidence: e ok, a ok, b wrong, c ok, d wrong, f ok.
        List<StrategyMetrics.CoveragePoint> curve = LabelEvaluation.coverageCurve(SIX, 10);

        assertThat(curve).hasSize(10);
        assertThat(curve.get(0).n()).isEqualTo(1);
        assertThat(curve.get(0).accuracy()).isEqualTo(1.0);
        assertThat(curve.get(4).n()).isEqualTo(3);
        assertThat(curve.get(4).accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(curve.get(4).minConfidence()).isEqualTo(0.80);
        assertThat(curve.get(9).n()).isEqualTo(6);
        assertThat(curve.get(9).accuracy()).isCloseTo(4.0 / 6, within(1e-12));
    }

    @Test
    void givenSixPredictions_whenEvaluated_thenAcceptedAccuracyCoversOnlyAcceptedItems() {
        StrategyMetrics m = LabelEvaluation.evaluate("voc", SIX);

        assertThat(m.acceptedFraction()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(m.acceptedAccuracy()).isCloseTo(3.0 / 4, within(1e-12));
    }

    @Test
    void givenMetricsOfTwoStrategies_whenWritten_thenTheJsonHasBothAndThePlotIsAPng() throws IOException {
        List<StrategyMetrics> ms = List.of(LabelEvaluation.evaluate("voc", SIX), LabelEvaluation.evaluate("ppl", SIX.subList(0, 4)));
        Path json = dir.resolve("eval/metrics.json");
        Path png = dir.resolve("eval/coverage.png");

        LabelEvaluation.writeJson(ms, json);
        LabelEvaluation.writeCoveragePlot(ms, png);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("strategies")).hasSize(2);
        assertThat(root.path("strategies").get(1).path("strategy").asText()).isEqualTo("ppl");
        assertThat(root.path("strategies").get(0).path("coverage_curve")).hasSize(10);
        assertThat(root.path("strategies").get(0).path("ece").asDouble()).isCloseTo(LabelEvaluation.expectedCalibrationError(SIX, 10), within(1e-12));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    }
}
