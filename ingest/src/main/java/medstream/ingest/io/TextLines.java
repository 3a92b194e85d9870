package medstream.ingest.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The lines of a text file with their 1-based numbers. {@link BufferedReader#readLine()} ends lines at
 * LF, CR LF or CR, so Hetionet's CRLF files need no special case; a leading byte-order mark is dropped.
 */
public final class TextLines {
    private TextLines() { }

    /**
     * One line.
     *
     * @param number 1-based line number
     * @param text   the line without its terminator
     */
    public record Line(long number, String text) { }

    /** The lines of a (possibly gzipped) UTF-8 file, read lazily; close the stream. */
    public static Stream<Line> read(Path file) throws IOException {
        BufferedReader reader = DataFiles.openText(file);
        return Streams.of(iterator(reader), reader);
    }

    /** The lines of an open reader, read lazily; the caller closes the reader. */
    public static Iterator<Line> iterator(BufferedReader reader) {
        return new Iterator<>() {
            private long number;
            private String next = advance();

            private String advance() {
                try {
                    String s = reader.readLine();
                    if (s != null && number == 0 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
                        s = s.substring(1);
                    }
                    return s;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read line " + (number + 1) + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Line next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Line line = new Line(++number, next);
                next = advance();
                return line;
            }
        };
    }
}
