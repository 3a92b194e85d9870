package medstream.cli.report.chart;

import java.util.Locale;
import medstream.cli.report.Html;

/**
 * Writes SVG elements with coordinates in {@link Locale#ROOT} (a decimal comma would break every path) and text
 * escaped. Drawn data (bars, lines, points) carries {@code class="mark"}, which the browser check counts.
 */
final class Svg {
    private final StringBuilder sb = new StringBuilder(8192);

    Svg line(double x1, double y1, double x2, double y2, String stroke, String extra) {
        sb.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" %s/>%n", x1, y1, x2, y2, stroke, extra));
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        sb.append(f("<rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">", x, y, w, h, fill));
        sb.append("<title>").append(Html.escape(tooltip)).append("</title></rect>\n");
        return this;
    }

    Svg swatch(double x, double y, double w, double h, String fill, String stroke) {
        sb.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>%n", x, y, w, h, fill, stroke));
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill, String tooltip) {
        sb.append(f("<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\">", cx, cy, r, fill));
        sb.append("<title>").append(Html.escape(tooltip)).append("</title></circle>\n");
        return this;
    }

    Svg polyline(String points, String stroke, boolean dashed, String tooltip) {
        sb.append(f("<polyline class=\"mark\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-linejoin=\"round\"%s points=\"%s\">",
                stroke, dashed ? " stroke-dasharray=\"6 4\"" : "", points));
        sb.append("<title>").append(Html.escape(tooltip)).append("</title></polyline>\n");
        return this;
    }

    /**
     * @param anchor start, middle or end
     * @param extra  further trusted attributes (font-weight, transform), may be empty
     */
    Svg text(double x, double y, String anchor, String text, String extra) {
        sb.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>", x, y, anchor, extra));
        sb.append(Html.escape(text)).append("</text>\n");
        return this;
    }

    static String point(double x, double y) {
        return f("%.1f,%.1f", x, y);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
