package medstream.ingest.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import medstream.ingest.Entry;
import medstream.ingest.Origin;

/** JSON Lines files: one object per line; a line that is not valid JSON becomes a dead letter, the rest goes on. */
public final class JsonLines {
    private JsonLines() { }

    /** Turns one parsed line into entries. */
    @FunctionalInterface
    public interface LineParser {
        List<Entry> parse(JsonNode object, Origin origin) throws Exception;
    }

    /**
     * The entries of every non-blank line.
     *
     * @param directory the data set directory (for the file name in origins)
     * @param file      the JSONL file
     */
    public static Stream<Entry> read(Path directory, Path file, LineParser parser) throws IOException {
        String name = DataFiles.relativeName(directory, file);
        return TextLines.read(file)
                .filter(line -> !line.text().isBlank())
                .flatMap(line -> {
                    Origin origin = new Origin(name, line.number());
                    return Guard.run(origin, line.text(),
                            () -> parser.parse(Json.object(Json.parse(line.text())), origin)).stream();
                });
    }
}
