package medstream.lm.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvesTest {

    @Test
    void givenTwoNamedSeries_whenWritten_thenAPngOfTheRequestedSizeAndAnSvgWithBothLinesExist(@TempDir Path dir)
            throws Exception {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        List<double[]> train = new ArrayList<>();
        List<double[]> validation = new ArrayList<>();
        for (int step = 0; step <= 100; step += 5) {
            train.add(new double[] {step, 4.0 * Math.exp(-step / 40.0) + 1});
            if (step % 20 == 0) {
                validation.add(new double[] {step, 4.2 * Math.exp(-step / 45.0) + 1.1});
            }
        }
        validation.add(new double[] {105, Double.NaN}); // a diverged point must not break the plot
        series.put("train <stage 1>", train);
        series.put("validation", validation);

        List<Path> files = LossCurves.write(dir.resolve("plots"), "loss", "Continual pre-training", series);

        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(500);
        String svg = Files.readString(files.get(1), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("Continual pre-training").contains("train &lt;stage 1&gt;")
                .contains("validation").doesNotContain("NaN");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        String firstLine = svg.substring(svg.indexOf("points=\"") + 8);
        assertThat(firstLine.substring(0, firstLine.indexOf('"')).split(" ")).hasSize(train.size());
    }

    @Test
    void givenNoPoints_whenRenderedAsSvg_thenEmptyAxesAreDrawnWithoutErrors() {
        String svg = LossCurves.svg("empty", Map.of("train", List.of()), 400, 300);
        assertThat(svg).contains("<polyline").contains("</svg>");
    }
}
