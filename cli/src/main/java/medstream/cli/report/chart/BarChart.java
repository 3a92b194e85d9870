package medstream.cli.report.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars, one row per category, stacked by series: horizontal so that long names (data sets, reason
 * codes, error classes) stay readable; each row's total is written at its end.
 */
public final class BarChart extends Chart {
    private static final double ROW_H = 24;
    private static final double MAX_LABEL_W = 250;

    private final String valueLabel;
    private final List<String> categories;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    /**
     * @param valueLabel the x-axis title (what the bar length counts)
     * @param categories one bar per category, top to bottom
     */
    public BarChart(String id, String title, String valueLabel, List<String> categories) {
        super(id, title);
        this.valueLabel = valueLabel;
        this.categories = List.copyOf(categories);
    }

    /** A stack segment: one value per category (same order); the only series of an unstacked chart. */
    public BarChart series(String name, double[] perCategory) {
        if (perCategory.length != categories.size()) {
            throw new IllegalArgumentException("series " + name + " has " + perCategory.length + " values for " + categories.size() + " categories");
        }
        names.add(name);
        values.add(perCategory.clone());
        if (names.size() > 1 || !name.isEmpty()) legend(name, Palette.colour(names.size() - 1), Swatch.BOX);
        return this;
    }

    @Override
    protected double leftMargin() {
        return Math.min(MAX_LABEL_W, categories.stream().mapToDouble(Chart::textWidth).max().orElse(0)) + 16;
    }

    @Override
    protected double plotHeight() {
        return Math.max(1, categories.size()) * ROW_H;
    }

    @Override
    protected void draw(Svg svg, Frame f) {
        double[] totals = new double[categories.size()];
        for (double[] v : values) for (int c = 0; c < totals.length; c++) totals[c] += Math.max(0, v[c]);
        double max = 0;
        for (double t : totals) max = Math.max(max, t);
        // Room for the total written after the longest bar; whole counts get whole ticks.
        boolean whole = values.stream().flatMapToDouble(Arrays::stream).allMatch(v -> v == Math.rint(v));
        Axis x = whole ? Axis.counts(max * 1.08, 6) : Axis.nice(0, max == 0 ? 1 : max * 1.08, 6);
        xAxis(svg, f, x, valueLabel);
        for (int c = 0; c < categories.size(); c++) {
            double top = f.top() + c * ROW_H + 4;
            svg.text(f.left() - 8, top + ROW_H / 2, "end", clip(categories.get(c)), "fill=\"#222\"");
            double start = 0;
            for (int s = 0; s < values.size(); s++) {
                double v = Math.max(0, values.get(s)[c]);
                if (v == 0) continue;
                double x0 = x.scale(start, f.left(), f.right());
                double x1 = x.scale(start + v, f.left(), f.right());
                svg.rect(x0, top, Math.max(1, x1 - x0), ROW_H - 8, Palette.colour(s),
                        categories.get(c) + (names.get(s).isEmpty() ? "" : " / " + names.get(s)) + ": " + number(v));
                start += v;
            }
            svg.text(x.scale(totals[c], f.left(), f.right()) + 5, top + ROW_H / 2, "start", number(totals[c]), "fill=\"#444\"");
        }
        frameBorder(svg, f);
    }

    private static String clip(String label) {
        if (textWidth(label) <= MAX_LABEL_W) return label;
        String cut = label;
        while (cut.length() > 1 && textWidth(cut + "…") > MAX_LABEL_W) cut = cut.substring(0, cut.length() - 1);
        return cut + "…";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
    }
}
