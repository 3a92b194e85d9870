package medstream.cli.report;

import java.util.List;
import java.util.Map;
import medstream.cli.report.chart.BarChart;
import medstream.cli.report.chart.Chart;

/** One part of the report, with its own heading and anchor. */
interface ReportSection {
    /** The HTML id (anchor) of the section, also what the browser test looks for. */
    String id();

    /** Its heading. */
    String title();

    /** Writes the section's content (the heading is written by the report). */
    void write(Html html, ReportData data);

    /** A chart as a figure. */
    static void figure(Html html, Chart chart) {
        html.raw("<figure>").raw(chart.render()).raw("</figure>\n");
    }

    /** A one-series bar chart of counts, or a note when there are none (no note when {@code whenEmpty} is null). */
    static void countsChart(Html html, String id, String title, String unit, Map<String, Long> counts, String whenEmpty) {
        if (counts.isEmpty()) {
            if (whenEmpty != null) html.missing(whenEmpty);
            return;
        }
        List<String> names = List.copyOf(counts.keySet());
        figure(html, new BarChart(id, title, unit, names).series("", Json.values(counts, names)));
    }
}
