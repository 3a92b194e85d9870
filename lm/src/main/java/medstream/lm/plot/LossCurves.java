package medstream.lm.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loss-versus-step plots of one or more named series (e.g. "train", "validation", one per stage), as a PNG
 * drawn by JFreeChart (headless) and as a dependency-free SVG a browser or report can embed.
 */
public final class LossCurves {

    /** Line colours, cycled per series (colour-blind friendly palette). */
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private LossCurves() {}

    /**
     * Writes {@code <name>.png} and {@code <name>.svg} into {@code dir}.
     *
     * @param dir output directory (created when missing)
     * @param name base file name
     * @param title chart title
     * @param series points {step, loss} per series name, in drawing order; non-finite losses are skipped
     * @return the two files written (PNG, SVG)
     * @throws IOException if writing fails
     */
    public static List<Path> write(Path dir, String name, String title, Map<String, List<double[]>> series)
            throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        writePng(png, title, series, WIDTH, HEIGHT);
        Files.writeString(svg, svg(title, series, WIDTH, HEIGHT), StandardCharsets.UTF_8);
        return List.of(png, svg);
    }

    /**
     * Draws the chart as a PNG with JFreeChart in headless mode.
     *
     * @param file target file
     * @param title chart title
     * @param series points {step, loss} per series name
     * @param width pixels
     * @param height pixels
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, String title, Map<String, List<double[]>> series, int width, int height)
            throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // servers and CI have no display
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (double[] point : finite(e.getValue())) {
                s.add(point[0], point[1]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", "loss", data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Color.decode(COLOURS[i % COLOURS.length]));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /**
     * Renders the chart as SVG text: axes with rounded ticks, one polyline per series and a legend.
     *
     * @param title chart title
     * @param series points {step, loss} per series name
     * @param width pixels
     * @param height pixels
     * @return the SVG document
     */
    public static String svg(String title, Map<String, List<double[]>> series, int width, int height) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (List<double[]> points : series.values()) {
            for (double[] p : finite(points)) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX > maxX) { // no points at all: draw empty axes over a unit box
            minX = 0;
            maxX = 1;
            minY = 0;
            maxY = 1;
        }
        Axis xAxis = Axis.of(minX, maxX);
        Axis yAxis = Axis.of(minY, maxY);
        int left = 70;
        int right = 170;
        int top = 40;
        int bottom = 50;
        double plotW = width - left - right;
        double plotH = height - top - bottom;

        StringBuilder sb = new StringBuilder(4096);
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"16\" text-anchor=\"middle\">%s</text>%n",
                width / 2, escape(title)));
        for (double tick : xAxis.ticks()) {
            double x = left + (tick - xAxis.min) / (xAxis.max - xAxis.min) * plotW;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x, top, x, top + plotH));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    x, top + plotH + 18, label(tick)));
        }
        for (double tick : yAxis.ticks()) {
            double y = top + plotH - (tick - yAxis.min) / (yAxis.max - yAxis.min) * plotH;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    left, y, left + plotW, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left - 6, y + 4, label(tick)));
        }
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\""
                + " stroke=\"#333\"/>%n", left, top, plotW, plotH));
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">step</text>%n",
                left + plotW / 2, height - 10));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16"
                + " %.1f)\">loss</text>%n", top + plotH / 2, top + plotH / 2));
        int index = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            String colour = COLOURS[index % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : finite(e.getValue())) {
                double x = left + (p[0] - xAxis.min) / (xAxis.max - xAxis.min) * plotW;
                double y = top + plotH - (p[1] - yAxis.min) / (yAxis.max - yAxis.min) * plotH;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                    + " points=\"%s\"><title>%s</title></polyline>%n", colour, points.toString().trim(), escape(e.getKey())));
            double ly = top + 10 + index * 20;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                    + " stroke-width=\"3\"/>%n", left + plotW + 15, ly, left + plotW + 40, ly, colour));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", left + plotW + 46, ly + 4,
                    escape(e.getKey())));
            index++;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static List<double[]> finite(List<double[]> points) {
        List<double[]> out = new ArrayList<>(points.size());
        for (double[] p : points) {
            if (p.length >= 2 && Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                out.add(p);
            }
        }
        return out;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** An axis range widened to round tick values (1, 2 or 5 times a power of ten). */
    private record Axis(double min, double max, double step) {
        static Axis of(double lo, double hi) {
            if (hi - lo < 1e-12) {
                double pad = Math.max(Math.abs(lo) * 0.05, 0.5);
                lo -= pad;
                hi += pad;
            }
            double raw = (hi - lo) / 6;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double residual = raw / magnitude;
            double step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
            return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (double v = min; v <= max + step / 2; v += step) {
                ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
            }
            return ticks;
        }
    }
}
