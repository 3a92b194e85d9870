package medstream.cli.pipeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.contracts.EvalResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The pictures of a local run, next to its summary: the stage-by-stage evaluation curve (accuracy of every model
 * version on every benchmark, versions in the order they were published, with PubMedQA's majority-class line so a
 * constant answer is recognisable), and the labels' confidence histogram split by routing decision.
 */
public final class RunCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private RunCharts() {}

    /**
     * Accuracy per model version and benchmark.
     *
     * @param evals every evaluation, in publication order
     */
    public static void evalCurve(List<EvalResult> evals, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (EvalResult e : evals) {
            data.addValue(e.getAccuracy(), e.getBenchmark() + " (n=" + e.getN() + ")", e.getModelVersion());
        }
        for (EvalResult e : evals) {
            if (e.getBenchmark().equals("pubmedqa")) {
                data.addValue(majorityShare(e.getPerClass(), e.getN()), "pubmedqa majority class", e.getModelVersion());
            }
        }
        JFreeChart chart = ChartFactory.createLineChart("Accuracy by model version (stage 1 -> 2 -> 3)", "model version",
                "accuracy", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = style(chart.getCategoryPlot());
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getRowCount(); i++) {
            boolean baseline = data.getRowKey(i).toString().contains("majority");
            r.setSeriesStroke(i, baseline ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
            if (baseline) r.setSeriesPaint(i, Color.GRAY);
        }
        plot.setRenderer(r);
        plot.getRangeAxis().setRange(0.0, 1.0);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        save(chart, png);
    }

    /**
     * Labels per confidence bin, stacked by decision.
     *
     * @param histograms per decision (ACCEPT, REVIEW), counts per bin of width 1 / counts.length
     */
    public static void labelConfidence(Map<String, long[]> histograms, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        histograms.forEach((decision, counts) -> {
            for (int i = 0; i < counts.length; i++) {
                data.addValue(counts[i], decision, String.format(Locale.ROOT, "%.1f-%.1f", (double) i / counts.length,
                        (double) (i + 1) / counts.length));
            }
        });
        JFreeChart chart = ChartFactory.createStackedBarChart("Label confidence by routing decision", "confidence", "labels",
                data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = style(chart.getCategoryPlot());
        StackedBarRenderer r = new StackedBarRenderer();
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        plot.setRenderer(r);
        save(chart, png);
    }

    /** Share of the most frequent gold class, from an EvalResult's {@code gold:<class>} counts. */
    static double majorityShare(Map<String, Long> perClass, int n) {
        long most = perClass.entrySet().stream().filter(e -> e.getKey().startsWith("gold:")).mapToLong(Map.Entry::getValue)
                .max().orElse(0);
        return n == 0 ? 0.0 : (double) most / n;
    }

    private static CategoryPlot style(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static void save(JFreeChart chart, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
