package medstream.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import medstream.cli.report.chart.Axis;
import medstream.cli.report.chart.BarChart;
import medstream.cli.report.chart.Histogram;
import medstream.cli.report.chart.LineChart;
import org.junit.jupiter.api.Test;

class ReportChartsTest {
    private static final Pattern RECT_WIDTH = Pattern.compile("<rect class=\"mark\" x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\"");
    private static final Pattern RECT_HEIGHT = Pattern.compile("<rect class=\"mark\" x=\"[0-9.]+\" y=\"([0-9.]+)\" width=\"[0-9.]+\" height=\"([0-9.]+)\"");

    @Test
    void givenARange_whenMadeNice_thenTicksAreRoundAndCoverIt() {
        Axis axis = Axis.nice(3.2, 97, 5);

        assertThat(axis.min()).isEqualTo(0.0);
        assertThat(axis.max()).isEqualTo(100.0);
        assertThat(axis.step()).isEqualTo(20.0);
        assertThat(axis.ticks()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
        assertThat(axis.scale(50, 0, 200)).isEqualTo(100.0);
    }

    @Test
    void givenOneValue_whenMadeNice_thenTheAxisStillHasARange() {
        Axis axis = Axis.nice(5, 5, 5);

        assertThat(axis.max()).isGreaterThan(axis.min());
        assertThat(axis.min()).isLessThanOrEqualTo(5.0);
        assertThat(axis.max()).isGreaterThanOrEqualTo(5.0);
    }

    @Test
    void givenTwoCategories_whenBarsAreDrawn_thenBarLengthsAreProportionalToTheValues() {
        String svg = new BarChart("bars", "Counts", "records", List.of("a", "b")).series("", new double[] {100, 50}).render();

        List<Double> widths = new ArrayList<>();
        Matcher m = RECT_WIDTH.matcher(svg);
        while (m.find()) widths.add(Double.parseDouble(m.group(2)));
        assertThat(widths).hasSize(2);
        assertThat(widths.get(0) / widths.get(1)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(svg).contains("data-chart=\"bars\"", ">100<", ">50<");
    }

    @Test
    void givenStackedSeries_whenBarsAreDrawn_thenTheSecondSegmentStartsWhereTheFirstEnds() {
        String svg = new BarChart("stack", "Stack", "records", List.of("a")).series("x", new double[] {30}).series("y", new double[] {10}).render();

        Matcher m = RECT_WIDTH.matcher(svg);
        assertThat(m.find()).isTrue();
        double end = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(end, org.assertj.core.data.Offset.offset(0.11));
        assertThat(svg).contains(">x<", ">y<"); // the legend names both
    }

    @Test
    void givenATitleWithMarkup_whenRendered_thenItIsEscapedInTheTextAndTheLabel() {
        String svg = new LineChart("l", "loss <stage 1>", "step", "loss").series("v1", List.of(new double[] {1, 2}, new double[] {2, 1}), "#000", false).render();

        assertThat(svg).contains("loss &lt;stage 1&gt;").doesNotContain("<stage 1>");
        assertThat(svg).contains("<polyline class=\"mark\"");
    }

    @Test
    void givenALineFromHighToLow_whenDrawn_thenTheFirstPointIsAboveTheLast() {
        String svg = new LineChart("l", "t", "x", "y").series("s", List.of(new double[] {0, 10}, new double[] {10, 0}), "#000", false).render();

        Matcher m = Pattern.compile("points=\"([0-9.]+),([0-9.]+) ([0-9.]+),([0-9.]+)\"").matcher(svg);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(2))).as("SVG y grows downwards").isLessThan(Double.parseDouble(m.group(4)));
        assertThat(Double.parseDouble(m.group(1))).isLessThan(Double.parseDouble(m.group(3)));
    }

    @Test
    void givenVersionsGroupedByStage_whenDrawn_thenEachStageIsNamedOnceAndEveryOtherOneShaded() {
        String svg = new LineChart("acc", "Accuracy", "model version", "accuracy").categories(List.of("s1-v1", "s1-v2", "s2-v1", "s3-v1"))
                .groups(List.of("stage 1", "stage 1", "stage 2", "stage 3")).yRange(0, 1)
                .series("pubmedqa", List.of(new double[] {0, 0.5}, new double[] {3, 0.6}), "#000", false).render();

        assertThat(svg.split(">stage 1<", -1)).hasSize(2);
        assertThat(svg).contains(">stage 2<", ">stage 3<");
        assertThat(svg.split("fill=\"#f1f4f8\"", -1)).as("one shaded band: stage 2").hasSize(2);
    }

    @Test
    void givenGroupsThatDoNotMatchTheCategories_whenSet_thenItSaysHowManyWereExpected() {
        LineChart chart = new LineChart("acc", "t", "x", "y").categories(List.of("a", "b"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> chart.groups(List.of("g"))).hasMessageContaining("1 group names for 2 categories");
    }

    @Test
    void givenNonFiniteLosses_whenAdded_thenTheyAreLeftOut() {
        LineChart chart = new LineChart("l", "t", "x", "y").series("s", List.of(new double[] {1, Double.NaN}), "#000", false);

        assertThat(chart.isEmpty()).isTrue();
    }

    @Test
    void givenTwoStackedLayers_whenTheHistogramIsDrawn_thenTheBinIsTwiceAsTallAsOneLayer() {
        long[] accept = new long[10];
        long[] review = new long[10];
        accept[9] = 5;
        review[9] = 5;
        String svg = new Histogram("h", "Confidence", "confidence", "labels", 0, 1, 10).series("ACCEPT", accept).series("REVIEW", review).render();

        Matcher m = RECT_HEIGHT.matcher(svg);
        List<Double> heights = new ArrayList<>();
        while (m.find()) heights.add(Double.parseDouble(m.group(2)));
        assertThat(heights).hasSize(2);
        assertThat(heights.get(0)).isCloseTo(heights.get(1), org.assertj.core.data.Offset.offset(0.11));
    }
}
