package medstream.cli.report;

import java.util.List;

/**
 * A small HTML builder for the run report: text and attribute values always go through {@link #escape}, so a
 * source name, an error message or a config value can never break the page or inject markup; only the
 * report's own fixed markup (and the SVG of its charts) goes in through {@link #raw}.
 */
public final class Html {
    private final StringBuilder sb = new StringBuilder(64 * 1024);

    /** Escapes the five characters that matter in HTML text and attribute values. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Trusted markup, as is. */
    public Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    /** Escaped text. */
    public Html text(String s) {
        sb.append(escape(s));
        return this;
    }

    /**
     * An opening tag.
     *
     * @param attributes name, value pairs; values are escaped
     */
    public Html open(String tag, String... attributes) {
        if (attributes.length % 2 != 0) throw new IllegalArgumentException("attributes come in name, value pairs: " + List.of(attributes));
        sb.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            sb.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
        sb.append('>');
        return this;
    }

    public Html close(String tag) {
        sb.append("</").append(tag).append(">\n");
        return this;
    }

    /** An element holding escaped text. */
    public Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A paragraph saying what is missing here and why, styled so it is not mistaken for data. */
    public Html missing(String why) {
        return element("p", why, "class", "missing");
    }

    /**
     * A table with a header row; every cell is escaped text, and cells that look like numbers are right-aligned
     * so digits line up.
     */
    public Html table(List<String> header, List<List<String>> rows) {
        open("table");
        open("thead").open("tr");
        header.forEach(h -> element("th", h));
        close("tr").close("thead");
        open("tbody");
        for (List<String> row : rows) {
            open("tr");
            row.forEach(cell -> element("td", cell, "class", cellClass(cell)));
            close("tr");
        }
        close("tbody").close("table");
        return this;
    }

    /** Numbers right-aligned; short single words (versions, names) kept on one line rather than broken at a hyphen. */
    private static String cellClass(String cell) {
        if (Fmt.isNumeric(cell)) return "num";
        return cell != null && cell.length() <= 24 && cell.indexOf(' ') < 0 ? "txt word" : "txt";
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
