package medstream.labeler.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Metrics of pseudo-labels against gold labels, per strategy: accuracy, macro-F1, expected calibration error
 * (10 bins), accuracy of the ACCEPTed items, and the accuracy-vs-coverage curve of confidence routing (sort by
 * confidence, accuracy of the top fraction c). Written as JSON and as a PNG chart.
 */
public final class LabelEvaluation {
    /** Bins of the expected calibration error. */
    public static final int ECE_BINS = 10;
    /** Points of the coverage curve: c = 1/STEPS ... 1. */
    public static final int COVERAGE_STEPS = 10;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LabelEvaluation() {}

    /** All metrics of one strategy's predictions. */
    public static StrategyMetrics evaluate(String strategy, List<Prediction> predictions) {
        if (predictions.isEmpty()) throw new IllegalArgumentException("no predictions to evaluate for strategy " + strategy);
        List<Prediction> accepted = predictions.stream().filter(Prediction::accepted).toList();
        return new StrategyMetrics(strategy, predictions.size(), accuracy(predictions), macroF1(predictions),
                expectedCalibrationError(predictions, ECE_BINS), majorityBaseline(predictions),
                (double) accepted.size() / predictions.size(), accepted.isEmpty() ? Double.NaN : accuracy(accepted),
                perClassF1(predictions), coverageCurve(predictions, COVERAGE_STEPS));
    }

    /** Fraction of correct labels. */
    public static double accuracy(List<Prediction> ps) {
        return (double) ps.stream().filter(Prediction::correct).count() / ps.size();
    }

    /** Accuracy of answering the most frequent gold class always. */
    public static double majorityBaseline(List<Prediction> ps) {
        Map<String, Integer> counts = new HashMap<>();
        ps.forEach(p -> counts.merge(p.gold(), 1, Integer::sum));
        return (double) counts.values().stream().mapToInt(Integer::intValue).max().orElse(0) / ps.size();
    }

    /**
     * F1 per class over the classes that occur as gold or predicted labels (a class never predicted and never
     * gold does not exist for this set; a class predicted but never right scores 0).
     */
    public static Map<String, Double> perClassF1(List<Prediction> ps) {
        TreeSet<String> classes = new TreeSet<>();
        for (Prediction p : ps) {
            classes.add(p.gold());
            if (p.predicted() != null) classes.add(p.predicted());
        }
        Map<String, Double> f1 = new TreeMap<>();
        for (String c : classes) {
            long tp = ps.stream().filter(p -> c.equals(p.predicted()) && c.equals(p.gold())).count();
            long fp = ps.stream().filter(p -> c.equals(p.predicted()) && !c.equals(p.gold())).count();
            long fn = ps.stream().filter(p -> !c.equals(p.predicted()) && c.equals(p.gold())).count();
            f1.put(c, tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn));
        }
        return f1;
    }

    /** Unweighted mean of {@link #perClassF1}. */
    public static double macroF1(List<Prediction> ps) {
        return perClassF1(ps).values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /**
     * {@code sum_b |B_b|/n * |accuracy(B_b) - mean confidence(B_b)|} over equal-width confidence bins
     * {@code [k/bins, (k+1)/bins)}, the last bin closed at 1.
     */
    public static double expectedCalibrationError(List<Prediction> ps, int bins) {
        double[] confSum = new double[bins];
        int[] correct = new int[bins];
        int[] count = new int[bins];
        for (Prediction p : ps) {
            int b = Math.min(bins - 1, (int) Math.floor(p.confidence() * bins));
            confSum[b] += p.confidence();
            correct[b] += p.correct() ? 1 : 0;
            count[b]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) continue;
            ece += (double) count[b] / ps.size() * Math.abs((double) correct[b] / count[b] - confSum[b] / count[b]);
        }
        return ece;
    }

    /**
     * Accuracy of the {@code ceil(c * n)} most confident items for {@code c = k / steps}, k = 1..steps (ties keep
     * the input order).
     */
    public static List<StrategyMetrics.CoveragePoint> coverageCurve(List<Prediction> ps, int steps) {
        List<Prediction> sorted = new ArrayList<>(ps);
        sorted.sort(Comparator.comparingDouble(Prediction::confidence).reversed());
        List<StrategyMetrics.CoveragePoint> curve = new ArrayList<>();
        for (int k = 1; k <= steps; k++) {
            double c = (double) k / steps;
            int n = Math.max(1, (int) Math.ceil(c * sorted.size() - 1e-9));
            List<Prediction> top = sorted.subList(0, n);
            curve.add(new StrategyMetrics.CoveragePoint(c, n, accuracy(top), top.get(n - 1).confidence()));
        }
        return curve;
    }

    /** Writes {@code {"strategies": [...]}} as indented JSON. */
    public static void writeJson(List<StrategyMetrics> metrics, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("strategies", metrics.stream().map(StrategyMetrics::toMap).toList());
        createParent(file);
        JSON.writeValue(file.toFile(), root);
    }

    /** Plots accuracy against coverage, one line per strategy, with each strategy's majority baseline noted in its legend. */
    public static void writeCoveragePlot(List<StrategyMetrics> metrics, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (StrategyMetrics m : metrics) {
            XYSeries s = new XYSeries(String.format(java.util.Locale.ROOT, "%s (acc %.3f, majority %.3f)", m.strategy(),
                    m.accuracy(), m.majorityBaseline()));
            for (StrategyMetrics.CoveragePoint p : m.coverage()) s.add(p.coverage(), p.accuracy());
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Accuracy vs coverage (most confident first)", "coverage",
                "accuracy", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < metrics.size(); i++) r.setSeriesStroke(i, new BasicStroke(2f));
        plot.setRenderer(r);
        plot.getRangeAxis().setRange(0.0, 1.0);
        plot.getDomainAxis().setRange(0.0, 1.0);
        createParent(png);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 800, 500);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }
}
