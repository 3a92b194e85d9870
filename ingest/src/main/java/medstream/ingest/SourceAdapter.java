package medstream.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Parses one data set into {@link Entry entries}. Pure: no Kafka, no side effects beyond reading files,
 * so each adapter is tested on small fixtures and counted on the real files.
 *
 * <p>{@link #read(Path)} takes the data set's directory (as in {@code ../shared/data/<name>}) or one of
 * its files. The stream is lazy and holds open files: close it (try-with-resources).
 */
public interface SourceAdapter {
    /** The source name on the command line and in summaries, e.g. {@code medqa-usmle}. */
    String name();

    /** One line for {@code --help}: what the adapter reads and which topics it feeds. */
    String description();

    /**
     * Parses the data set.
     *
     * @param path the data set directory or one of its files
     * @throws IOException when the path or a required file is missing or unreadable (per-entry problems
     *                     are {@link Entry.Failure}s in the stream instead)
     */
    Stream<Entry> read(Path path) throws IOException;
}
