package medstream.ingest.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The {@code [Term]} stanzas of an OBO 1.2 file (Disease Ontology): id, name, the text of
 * {@code def: "..." [xrefs]} and {@code is_obsolete}. Other stanzas ({@code [Typedef]}) and tags are
 * not needed here and are passed over.
 */
public final class Obo {
    private Obo() { }

    /**
     * One term.
     *
     * @param line     line of its {@code [Term]} header
     * @param id       e.g. DOID:0050012
     * @param name     its name, null if missing
     * @param def      the definition text without quotes and escapes, null if none
     * @param obsolete whether {@code is_obsolete: true}
     * @param raw      the stanza as in the file, for dead letters
     * @param error    null, or what is malformed in the stanza
     */
    public record Term(long line, String id, String name, String def, boolean obsolete, String raw, String error) { }

    /** The header line's {@code data-version:} of a file, or null. */
    public static String dataVersion(Path file) throws IOException {
        try (BufferedReader r = DataFiles.openText(file)) {
            for (String s = r.readLine(); s != null && !s.startsWith("["); s = r.readLine()) {
                if (s.startsWith("data-version:")) {
                    return s.substring("data-version:".length()).strip();
                }
            }
        }
        return null;
    }

    /** The terms of a (possibly gzipped) OBO file, read lazily; close the stream. */
    public static Stream<Term> terms(Path file) throws IOException {
        BufferedReader reader = DataFiles.openText(file);
        Iterator<TextLines.Line> lines = TextLines.iterator(reader);
        Iterator<Term> terms = new Iterator<>() {
            private TextLines.Line pending = seekTerm();
            private Term next = advance();

            private TextLines.Line seekTerm() {
                while (lines.hasNext()) {
                    TextLines.Line l = lines.next();
                    if (l.text().strip().equals("[Term]")) {
                        return l;
                    }
                }
                return null;
            }

            private Term advance() {
                if (pending == null) {
                    return null;
                }
                long start = pending.number();
                StringBuilder raw = new StringBuilder(pending.text());
                String id = null;
                String name = null;
                String def = null;
                String error = null;
                boolean obsolete = false;
                pending = null;
                while (lines.hasNext()) {
                    TextLines.Line l = lines.next();
                    String t = l.text();
                    if (t.startsWith("[")) {
                        pending = t.strip().equals("[Term]") ? l : seekTerm();
                        break;
                    }
                    raw.append('\n').append(t);
                    if (t.startsWith("id: ")) {
                        id = t.substring(4).strip();
                    } else if (t.startsWith("name: ")) {
                        name = t.substring(6).strip();
                    } else if (t.startsWith("def: ")) {
                        try {
                            def = quoted(t.substring(5));
                        } catch (IllegalArgumentException e) {
                            error = "line " + l.number() + ": " + e.getMessage();
                        }
                    } else if (t.startsWith("is_obsolete: ")) {
                        obsolete = t.substring(13).strip().equals("true");
                    }
                }
                if (id == null && error == null) {
                    error = "[Term] without an id: tag";
                }
                return new Term(start, id, name, def, obsolete, raw.toString().strip(), error);
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Term next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Term t = next;
                next = advance();
                return t;
            }
        };
        return Streams.of(terms, reader);
    }

    /** The text of a leading OBO quoted string, {@code "a \"b\" c" [x]} -> {@code a "b" c}. */
    static String quoted(String s) {
        String t = s.stripLeading();
        if (t.isEmpty() || t.charAt(0) != '"') {
            throw new IllegalArgumentException("def: must start with a quoted string, found '" + s + "'");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                char n = t.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else if (c == '"') {
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("def: has no closing quote: '" + s + "'");
    }
}
