package medstream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import medstream.contracts.EvalResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunChartsTest {
    @TempDir
    Path dir;

    private static EvalResult eval(String version, int stage, String benchmark, double accuracy, Map<String, Long> perClass) {
        return EvalResult.newBuilder().setModelVersion(version).setStage(stage).setBenchmark(benchmark).setN(50)
                .setAccuracy(accuracy).setPerClass(perClass).setCreatedAt(Instant.EPOCH).build();
    }

    @Test
    void givenGoldCounts_whenTheMajorityShareIsComputed_thenItIsTheLargestGoldClassOverN() {
        assertThat(RunCharts.majorityShare(Map.of("gold:yes", 27L, "gold:no", 17L, "gold:maybe", 6L, "pred:yes", 50L), 50))
                .isCloseTo(0.54, within(1e-12));
        assertThat(RunCharts.majorityShare(Map.of(), 0)).isZero();
    }

    @Test
    void givenEvaluationsOfThreeStages_whenDrawn_thenAPngOfTheChartSizeIsWritten() throws Exception {
        Map<String, Long> gold = Map.of("gold:yes", 27L, "gold:no", 17L, "gold:maybe", 6L);
        List<EvalResult> evals = List.of(eval("s1-v0001", 1, "pubmedqa", 0.34, gold), eval("s1-v0001", 1, "medqa", 0.22, Map.of()),
                eval("s2-v0001", 2, "pubmedqa", 0.54, gold), eval("s3-v0001", 3, "pubmedqa", 0.56, gold));
        Path png = dir.resolve("plots/eval-by-version.png");

        RunCharts.evalCurve(evals, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(500);
    }

    @Test
    void givenHistogramsByDecision_whenDrawn_thenAPngIsWritten() throws Exception {
        Path png = dir.resolve("label-confidence.png");

        RunCharts.labelConfidence(Map.of("ACCEPT", new long[] {0, 0, 0, 0, 0, 0, 3, 9, 2, 0},
                "REVIEW", new long[] {0, 1, 4, 8, 6, 2, 1, 0, 0, 0}), png);

        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
    }
}
