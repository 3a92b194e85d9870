package medstream.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code <out>/report.html}: one self-contained page (styles and SVG charts inline, no script, nothing fetched)
 * drawn from a run's summary, checkpoints and labels, so it opens anywhere, offline, years later.
 */
public final class RunReport {
    /** File name inside the output directory. */
    public static final String FILE_NAME = "report.html";
    /** The sections, in page order; their ids are what the browser test checks. */
    static final List<ReportSection> SECTIONS = List.of(new DataCardSection(), new TrainingSection(), new LabelingSection(), new RunSection());

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2530;background:#f5f6f8;line-height:1.45}
            header{background:#123047;color:#fff;padding:18px 32px}
            header h1{margin:0 0 4px;font-size:24px}
            header p{margin:0;opacity:.85}
            nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #d8dde3;padding:8px 32px;z-index:1}
            nav a{margin-right:18px;color:#0b5c93;text-decoration:none;font-weight:600}
            main{max-width:1100px;margin:0 auto;padding:8px 24px 40px}
            section{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:8px 24px 20px;margin:20px 0}
            h2{border-bottom:2px solid #e6e9ed;padding-bottom:6px}
            h3{margin-top:28px;color:#123047}
            figure{margin:12px 0}
            svg.chart{width:100%;max-width:900px;height:auto;display:block}
            table{border-collapse:collapse;margin:10px 0;font-size:13px}
            th,td{border:1px solid #dde2e8;padding:4px 8px;vertical-align:top}
            th{background:#eef2f6;text-align:left}
            td:first-child,td.word{white-space:nowrap}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tbody tr:nth-child(even){background:#fafbfc}
            .missing{color:#6b5200;background:#fff7dc;border-left:4px solid #e6b800;padding:6px 10px}
            .error{color:#8a1010;background:#fde8e8;border-left:4px solid #c62828;padding:6px 10px}
            .hint{color:#555;font-size:13px}
            .badge{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:700;margin-left:8px;font-size:14px}
            .ok{background:#2e7d32}.failed{background:#c62828}
            details{margin:8px 0}
            """;

    private RunReport() {}

    /** The ids of the report's sections, in page order. */
    public static List<String> sectionIds() {
        return SECTIONS.stream().map(ReportSection::id).toList();
    }

    /** Renders the report of a run's output folder. */
    public static String render(ReportData data) {
        Html html = new Html();
        String status = Json.text(data.summary().get("status"), "unknown");
        html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .element("title", "medstream run report — " + Json.text(data.summary().get("started_at"), ""))
                .raw("<style>").raw(STYLE).raw("</style></head>\n<body>\n");
        html.open("header").open("h1").text("medstream run report")
                .element("span", status, "class", "badge " + ("ok".equals(status) ? "ok" : "failed")).close("h1");
        html.element("p", data.outDir() + " · started " + Json.text(data.summary().get("started_at"), "?") + " · "
                + Fmt.num(Json.number(data.summary().get("wall_time_s")), 0) + " s · limit " + Json.text(data.summary().get("limit"), "none"));
        html.close("header");
        html.open("nav");
        SECTIONS.forEach(s -> html.element("a", s.title(), "href", "#" + s.id()));
        html.close("nav").open("main");
        for (String problem : data.problems()) html.element("p", problem, "class", "error");
        for (ReportSection s : SECTIONS) {
            html.open("section", "id", s.id()).element("h2", s.title());
            try {
                s.write(html, data);
            } catch (RuntimeException e) {
                // One section that chokes on an odd summary must not cost the reader the others.
                html.element("p", "This section could not be drawn: " + e, "class", "error");
            }
            html.close("section");
        }
        html.close("main").raw("</body></html>\n");
        return html.toString();
    }

    /** Writes {@code <outDir>/report.html} atomically and returns it. */
    public static Path write(Path outDir) throws IOException {
        String page = render(ReportData.load(outDir));
        Path file = outDir.resolve(FILE_NAME);
        Path tmp = outDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, page, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
