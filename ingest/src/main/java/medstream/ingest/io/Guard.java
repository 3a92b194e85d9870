package medstream.ingest.io;

import java.util.List;
import medstream.ingest.Entry;
import medstream.ingest.Origin;

/**
 * Runs the parsing of one line or entry and turns any exception into an {@link Entry.Failure} with the
 * entry's coordinates and raw text, so one bad entry never stops a file.
 */
public final class Guard {
    private Guard() { }

    /** The parsing of one entry. */
    @FunctionalInterface
    public interface EntryParser {
        List<Entry> parse() throws Exception;
    }

    /** The parser's entries, or one failure carrying {@code raw} when it throws. */
    public static List<Entry> run(Origin origin, String raw, EntryParser parser) {
        try {
            return parser.parse();
        } catch (Exception e) {
            return List.of(Entry.Failure.of(origin, raw, e));
        }
    }
}
