package medstream.cli.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Lines over a numeric x axis (loss against step) or over named categories (accuracy per model version). Points
 * are drawn as dots when there are few of them, so a one-point series still shows.
 */
public final class LineChart extends Chart {
    private static final int DOTS_UP_TO = 40;

    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private List<String> categories = List.of();
    private List<String> groups = List.of();
    private Double yMin;
    private Double yMax;

    private record Series(String name, List<double[]> points, String colour, boolean dashed) { }

    public LineChart(String id, String title, String xLabel, String yLabel) {
        super(id, title);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Names the x positions 0, 1, 2, ...: points then use the category's index as x. */
    public LineChart categories(List<String> names) {
        this.categories = List.copyOf(names);
        return this;
    }

    /**
     * Groups consecutive categories (e.g. model versions by training stage): each group gets a shaded band, every
     * other one tinted, named at the top of the plot.
     *
     * @param groupOfEachCategory one group name per category, in category order
     */
    public LineChart groups(List<String> groupOfEachCategory) {
        if (groupOfEachCategory.size() != categories.size()) {
            throw new IllegalArgumentException(groupOfEachCategory.size() + " group names for " + categories.size() + " categories");
        }
        this.groups = List.copyOf(groupOfEachCategory);
        return this;
    }

    /** A fixed y range (e.g. 0..1 for accuracy), instead of one fitted to the data. */
    public LineChart yRange(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    /**
     * Adds a series; non-finite points are left out.
     *
     * @param points {x, y} pairs in drawing order
     */
    public LineChart series(String name, List<double[]> points, String colour, boolean dashed) {
        List<double[]> finite = points.stream().filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])).toList();
        series.add(new Series(name, finite, colour, dashed));
        legend(name, colour, dashed ? Swatch.DASHED : Swatch.LINE);
        return this;
    }

    /** Whether any series has a point to draw. */
    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.points().isEmpty());
    }

    @Override
    protected double leftMargin() {
        return 64;
    }

    @Override
    protected double plotHeight() {
        return 280;
    }

    @Override
    protected double bottomMargin() {
        return categories.isEmpty() ? 48 : 40 + categoryLabelDepth();
    }

    @Override
    protected void draw(Svg svg, Frame f) {
        Axis x = categories.isEmpty() ? Axis.nice(min(0), max(0), 8) : new Axis(-0.5, categories.size() - 0.5, 1);
        Axis y = yMin != null ? Axis.nice(yMin, yMax, 5) : Axis.nice(min(1), max(1), 6);
        bands(svg, f, x);
        yAxis(svg, f, y, yLabel);
        if (categories.isEmpty()) {
            xAxis(svg, f, x, xLabel);
        } else {
            categoryAxis(svg, f, x);
        }
        for (Series s : series) {
            List<String> coords = new ArrayList<>();
            for (double[] p : s.points()) coords.add(Svg.point(x.scale(p[0], f.left(), f.right()), y.scale(p[1], f.bottom(), f.top())));
            if (coords.size() > 1) svg.polyline(String.join(" ", coords), s.colour(), s.dashed(), s.name());
            if (coords.size() <= DOTS_UP_TO) {
                for (double[] p : s.points()) {
                    svg.circle(x.scale(p[0], f.left(), f.right()), y.scale(p[1], f.bottom(), f.top()), s.dashed() ? 2.5 : 3.5,
                            s.colour(), s.name() + ": " + xName(p[0]) + " → " + String.format(Locale.ROOT, "%.4g", p[1]));
                }
            }
        }
        frameBorder(svg, f);
    }

    private void bands(Svg svg, Frame f, Axis x) {
        int start = 0;
        for (int band = 0; start < groups.size(); band++) {
            int end = start;
            while (end + 1 < groups.size() && groups.get(end + 1).equals(groups.get(start))) end++;
            double x0 = x.scale(start - 0.5, f.left(), f.right());
            double x1 = x.scale(end + 0.5, f.left(), f.right());
            if (band % 2 == 1) svg.swatch(x0, f.top(), x1 - x0, f.height(), "#f1f4f8", "none");
            svg.text((x0 + x1) / 2, f.top() + 14, "middle", groups.get(start), "fill=\"#667\" font-size=\"11\"");
            start = end + 1;
        }
    }

    /** Category names below the plot, turned 40 degrees when they would collide. */
    private void categoryAxis(Svg svg, Frame f, Axis x) {
        boolean turn = turned();
        for (int i = 0; i < categories.size(); i++) {
            double cx = x.scale(i, f.left(), f.right());
            svg.line(cx, f.top(), cx, f.bottom(), "#efefef", "");
            if (turn) {
                svg.text(cx, f.bottom() + 14, "end", categories.get(i),
                        String.format(Locale.ROOT, "transform=\"rotate(-40 %.1f %.1f)\" fill=\"#333\"", cx, f.bottom() + 14));
            } else {
                svg.text(cx, f.bottom() + 16, "middle", categories.get(i), "fill=\"#333\"");
            }
        }
        svg.text(f.left() + f.width() / 2, f.bottom() + 26 + categoryLabelDepth(), "middle", xLabel, "fill=\"#333\"");
    }

    private double categoryLabelDepth() {
        double longest = categories.stream().mapToDouble(Chart::textWidth).max().orElse(0);
        return turned() ? Math.max(14, longest * Math.sin(Math.toRadians(40)) + 6) : 14;
    }

    private boolean turned() {
        double slot = (WIDTH - leftMargin() - RIGHT) / categories.size();
        return categories.stream().mapToDouble(Chart::textWidth).max().orElse(0) > slot - 4;
    }

    private String xName(double x) {
        int i = (int) Math.round(x);
        return !categories.isEmpty() && i >= 0 && i < categories.size() ? categories.get(i) : String.format(Locale.ROOT, "%.4g", x);
    }

    private double min(int dim) {
        OptionalDouble m = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[dim]).min();
        return m.orElse(0);
    }

    private double max(int dim) {
        OptionalDouble m = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[dim]).max();
        return m.orElse(1);
    }
}
