package medstream.cli.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import medstream.cli.report.Fmt;
import medstream.cli.report.Html;

/**
 * What every chart of the report shares: a title, a legend above the plot (wrapped into rows), gridlines with
 * tick labels and axis titles, and the {@code <svg data-chart="id">} wrapper the browser test looks for. A
 * subclass sizes its plot area and draws its marks into it.
 */
public abstract class Chart {
    /** Width of every chart in SVG units; the page scales it down on narrow screens. */
    static final int WIDTH = 760;
    static final int RIGHT = 24;
    private static final int TITLE_H = 30;
    private static final int LEGEND_ROW_H = 20;
    private static final double CHAR_W = 6.6; // average width of a 12px sans-serif character

    private final String id;
    private final String title;
    private final List<LegendEntry> legend = new ArrayList<>();

    /** The plot area. */
    protected record Frame(double left, double top, double width, double height) {
        double right() { return left + width; }
        double bottom() { return top + height; }
    }

    /** How a legend entry shows its series. */
    protected enum Swatch { BOX, LINE, DASHED }

    private record LegendEntry(String name, String colour, Swatch swatch) { }

    /**
     * @param id    the chart's {@code data-chart} name, unique in the report
     * @param title shown above the chart
     */
    protected Chart(String id, String title) {
        this.id = id;
        this.title = title;
    }

    protected void legend(String name, String colour, Swatch swatch) {
        legend.add(new LegendEntry(name, colour, swatch));
    }

    /** Space left of the plot for tick labels and the y-axis title. */
    protected abstract double leftMargin();

    /** Height of the plot area. */
    protected abstract double plotHeight();

    /** Space below the plot for tick labels and the x-axis title. */
    protected double bottomMargin() {
        return 48;
    }

    /** Draws axes and marks into the frame. */
    protected abstract void draw(Svg svg, Frame frame);

    /** The chart as an inline {@code <svg>} element. */
    public final String render() {
        Svg body = new Svg();
        body.text(WIDTH / 2.0, 20, "middle", title, "font-size=\"15\" font-weight=\"600\"");
        double legendBottom = drawLegend(body, TITLE_H + 6);
        Frame frame = new Frame(leftMargin(), legendBottom + 10, WIDTH - leftMargin() - RIGHT, plotHeight());
        draw(body, frame);
        int height = (int) Math.ceil(frame.bottom() + bottomMargin());
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"%s\" role=\"img\" "
                + "aria-label=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"system-ui, sans-serif\" font-size=\"12\">%n"
                + "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n%s</svg>%n",
                Html.escape(id), Html.escape(title), WIDTH, height, WIDTH, height, WIDTH, height, body);
    }

    /** Legend entries left to right, wrapping; returns the y below the last row. */
    private double drawLegend(Svg svg, double top) {
        if (legend.isEmpty()) return top;
        double x = leftMargin();
        double y = top + 10;
        for (LegendEntry e : legend) {
            double w = 30 + textWidth(e.name()) * 1.1 + 22; // generous: an overlap reads worse than a gap
            if (x + w > WIDTH - RIGHT && x > leftMargin()) {
                x = leftMargin();
                y += LEGEND_ROW_H;
            }
            switch (e.swatch()) {
                case BOX -> svg.swatch(x, y - 6, 24, 12, e.colour(), e.colour());
                case LINE -> svg.line(x, y, x + 24, y, e.colour(), "stroke-width=\"3\"");
                case DASHED -> svg.line(x, y, x + 24, y, e.colour(), "stroke-width=\"2\" stroke-dasharray=\"6 4\"");
            }
            svg.text(x + 30, y + 4, "start", e.name(), "");
            x += w;
        }
        return y + 10;
    }

    /** Horizontal gridlines with tick labels on the left, and the y-axis title. */
    protected static void yAxis(Svg svg, Frame f, Axis axis, String label) {
        for (double t : axis.ticks()) {
            double y = axis.scale(t, f.bottom(), f.top());
            svg.line(f.left(), y, f.right(), y, "#e3e3e3", "");
            svg.text(f.left() - 6, y + 4, "end", tickLabel(t, axis), "fill=\"#333\"");
        }
        double cy = f.top() + f.height() / 2;
        svg.text(16, cy, "middle", label, String.format(Locale.ROOT, "transform=\"rotate(-90 16 %.1f)\" fill=\"#333\"", cy));
    }

    /** Vertical gridlines with tick labels below, and the x-axis title. */
    protected static void xAxis(Svg svg, Frame f, Axis axis, String label) {
        for (double t : axis.ticks()) {
            double x = axis.scale(t, f.left(), f.right());
            svg.line(x, f.top(), x, f.bottom(), "#e3e3e3", "");
            svg.text(x, f.bottom() + 16, "middle", tickLabel(t, axis), "fill=\"#333\"");
        }
        svg.text(f.left() + f.width() / 2, f.bottom() + 38, "middle", label, "fill=\"#333\"");
    }

    /** The plot's border, drawn last so marks do not cover it. */
    protected static void frameBorder(Svg svg, Frame f) {
        svg.line(f.left(), f.bottom(), f.right(), f.bottom(), "#555", "");
        svg.line(f.left(), f.top(), f.left(), f.bottom(), "#555", "");
    }

    private static String tickLabel(double t, Axis axis) {
        return Fmt.tickLabel(t, axis.step());
    }

    /**
     * Width in SVG units a 12px sans-serif label of this text takes, roughly: capitals and digits are wider than
     * lower case, CJK characters take a full em. Margins are sized from it so that long names are not cut off.
     */
    protected static double textWidth(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isIdeographic(cp)) w += 12;
            else if (Character.isUpperCase(cp) || Character.isDigit(cp) || cp == '_') w += 8.2;
            else if ("ilj.,:;|!' ".indexOf(cp) >= 0) w += 3.6;
            else w += CHAR_W;
        }
        return w;
    }
}
