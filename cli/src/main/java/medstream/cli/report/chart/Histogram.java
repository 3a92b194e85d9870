package medstream.cli.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts per bin of equal width over a numeric range, stacked by series (e.g. label confidence split by routing
 * decision).
 */
public final class Histogram extends Chart {
    private final String xLabel;
    private final String yLabel;
    private final double lo;
    private final double hi;
    private final int bins;
    private final List<long[]> counts = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /** {@code bins} bins of equal width from {@code lo} to {@code hi}. */
    public Histogram(String id, String title, String xLabel, String yLabel, double lo, double hi, int bins) {
        super(id, title);
        if (bins < 1 || !(hi > lo)) throw new IllegalArgumentException("a histogram needs bins >= 1 and hi > lo: " + bins + ", " + lo + ".." + hi);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.lo = lo;
        this.hi = hi;
        this.bins = bins;
    }

    /** A stack layer: one count per bin. */
    public Histogram series(String name, long[] perBin) {
        if (perBin.length != bins) throw new IllegalArgumentException("series " + name + " has " + perBin.length + " bins, the chart " + bins);
        names.add(name);
        counts.add(perBin.clone());
        legend(name, Palette.colour(names.size() - 1), Swatch.BOX);
        return this;
    }

    @Override
    protected double leftMargin() {
        return 64;
    }

    @Override
    protected double plotHeight() {
        return 240;
    }

    @Override
    protected void draw(Svg svg, Frame f) {
        long[] totals = new long[bins];
        for (long[] c : counts) for (int b = 0; b < bins; b++) totals[b] += c[b];
        long max = 0;
        for (long t : totals) max = Math.max(max, t);
        Axis y = Axis.counts(max, 5);
        Axis x = Axis.nice(lo, hi, Math.min(bins, 10));
        yAxis(svg, f, y, yLabel);
        xAxis(svg, f, x, xLabel);
        double width = (hi - lo) / bins;
        for (int b = 0; b < bins; b++) {
            double from = lo + b * width;
            double x0 = x.scale(from, f.left(), f.right()) + 1;
            double x1 = x.scale(from + width, f.left(), f.right()) - 1;
            long below = 0;
            for (int s = 0; s < counts.size(); s++) {
                long n = counts.get(s)[b];
                if (n == 0) continue;
                double yTop = y.scale(below + n, f.bottom(), f.top());
                double yBottom = y.scale(below, f.bottom(), f.top());
                svg.rect(x0, yTop, x1 - x0, yBottom - yTop, Palette.colour(s), String.format(Locale.ROOT, "%s, %.2f–%.2f: %,d",
                        names.get(s), from, from + width, n));
                below += n;
            }
        }
        frameBorder(svg, f);
    }
}
