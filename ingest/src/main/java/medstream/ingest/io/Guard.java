package medstream.ingest.io;

import java.nio.charset.StandardCharsets;
import java.util.List;
import medstream.ingest.Entry;
import medstream.ingest.Origin;

/**
 * Runs the parsing of one line or entry and turns any exception into an {@link Entry.Failure} with the
 * entry's coordinates and raw text, so one bad entry never stops a file.
 */
public final class Guard {
    /** Error class of an entry whose bytes are not UTF-8. */
    public static final String NOT_UTF8_CLASS = "InvalidUtf8";

    private Guard() { }

    /** The parsing of one entry. */
    @FunctionalInterface
    public interface EntryParser {
        List<Entry> parse() throws Exception;
    }

    /**
     * The parser's entries, or one failure carrying {@code raw} when it throws or when {@code raw} holds bytes that
     * were not UTF-8 (marked {@link DataFiles#NOT_UTF8} by {@link DataFiles#openText}).
     */
    public static List<Entry> run(Origin origin, String raw, EntryParser parser) {
        if (raw != null && raw.indexOf(DataFiles.NOT_UTF8) >= 0) {
            return List.of(new Entry.Failure(origin, raw.getBytes(StandardCharsets.UTF_8), NOT_UTF8_CLASS,
                    "Cannot read " + origin + " as UTF-8 text: expected UTF-8, found a byte sequence that is not"
                            + " (the input value shows it as U+FDD0); convert the file (e.g. iconv -t UTF-8) and ingest it"
                            + " again", null));
        }
        try {
            return parser.parse();
        } catch (Exception e) {
            return List.of(Entry.Failure.of(origin, raw, e));
        }
    }
}
