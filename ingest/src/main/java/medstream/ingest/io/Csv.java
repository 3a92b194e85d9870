package medstream.ingest.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, line breaks and doubled
 * quotes. MMLU's CSVs have quoted multi-line questions, so a row is not a line; each row keeps the
 * number of the line it starts on and its raw text for dead letters.
 */
public final class Csv {
    private Csv() { }

    /**
     * One row.
     *
     * @param line   1-based line where the row starts
     * @param fields the fields, unquoted
     * @param raw    the row's text as in the file
     * @param error  null, or what is wrong with the row's quoting
     */
    public record Row(long line, List<String> fields, String raw, String error) { }

    /** The rows of a file, read lazily; close the stream. */
    public static Stream<Row> read(Path file) throws IOException {
        BufferedReader reader = DataFiles.openText(file);
        return Streams.of(rows(reader), reader);
    }

    /** The rows of an open reader. */
    public static Iterator<Row> rows(BufferedReader reader) {
        return new Iterator<>() {
            private final Iterator<TextLines.Line> lines = TextLines.iterator(reader);
            private Row next = advance();

            private Row advance() {
                while (lines.hasNext()) {
                    TextLines.Line first = lines.next();
                    if (first.text().isEmpty()) {
                        continue;
                    }
                    StringBuilder raw = new StringBuilder(first.text());
                    List<String> fields = new ArrayList<>();
                    StringBuilder field = new StringBuilder();
                    boolean quoted = false;
                    String text = first.text();
                    int i = 0;
                    while (true) {
                        if (i == text.length()) {
                            if (!quoted) {
                                break;
                            }
                            if (!lines.hasNext()) {
                                fields.add(field.toString());
                                return new Row(first.number(), fields, raw.toString(),
                                        "unterminated quoted field (a \" opened but never closed before end of file)");
                            }
                            text = lines.next().text();
                            raw.append('\n').append(text);
                            field.append('\n');
                            i = 0;
                            continue;
                        }
                        char c = text.charAt(i++);
                        if (quoted) {
                            if (c == '"') {
                                if (i < text.length() && text.charAt(i) == '"') {
                                    field.append('"');
                                    i++;
                                } else {
                                    quoted = false;
                                }
                            } else {
                                field.append(c);
                            }
                        } else if (c == ',') {
                            fields.add(field.toString());
                            field.setLength(0);
                        } else if (c == '"' && field.length() == 0) {
                            quoted = true;
                        } else {
                            field.append(c);
                        }
                    }
                    fields.add(field.toString());
                    return new Row(first.number(), fields, raw.toString(), null);
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = advance();
                return r;
            }
        };
    }
}
