package medstream.ingest.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import medstream.ingest.Entry;
import medstream.ingest.Origin;

/**
 * Files that hold one JSON document with many entries: an object keyed by id (PubMedQA's
 * {@code {"<pmid>": {...}}}) or an array ({@code [{...}, ...]}). Entries are read one at a time with
 * Jackson's streaming parser, so each has its own line number; an entry with the wrong shape becomes a
 * dead letter and the next one is read. A syntax error cannot be skipped over (the parser loses its
 * place), so it becomes one dead letter at the error's line and ends the file.
 */
public final class JsonEntries {
    private JsonEntries() { }

    /**
     * Turns one entry into records.
     */
    @FunctionalInterface
    public interface EntryParser {
        /**
         * @param key    the entry's key in an object, or its 0-based index in an array
         * @param value  the entry
         * @param origin file and the line where the entry starts
         */
        List<Entry> parse(String key, JsonNode value, Origin origin) throws Exception;
    }

    /** The entries of a top-level object or array. */
    public static Stream<Entry> read(Path directory, Path file, EntryParser parser) throws IOException {
        String name = DataFiles.relativeName(directory, file);
        BufferedReader reader = DataFiles.openText(file);
        JsonParser json;
        try {
            json = Json.MAPPER.createParser(reader);
        } catch (IOException e) {
            reader.close();
            throw e;
        }
        return Streams.of(new EntryIterator(json, name, parser), json);
    }

    private static final class EntryIterator implements Iterator<Entry> {
        private final JsonParser json;
        private final String name;
        private final EntryParser parser;
        private final Deque<Entry> pending = new ArrayDeque<>();
        private boolean object;
        private boolean started;
        private boolean done;
        private int index;

        EntryIterator(JsonParser json, String name, EntryParser parser) {
            this.json = json;
            this.name = name;
            this.parser = parser;
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && !done) {
                fill();
            }
            return !pending.isEmpty();
        }

        @Override
        public Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }

        private void fill() {
            try {
                if (!started) {
                    started = true;
                    JsonToken first = json.nextToken();
                    if (first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY) {
                        object = first == JsonToken.START_OBJECT;
                        return;
                    }
                    done = true;
                    pending.add(new Entry.Failure(new Origin(name, line(json.currentTokenLocation())), null,
                            "MalformedEntryException", "Cannot parse " + name + ": expected a JSON object or array"
                            + " of entries at the top level, found " + first, null));
                    return;
                }
                JsonToken t = json.nextToken();
                if (t == null || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    done = true;
                    return;
                }
                String key;
                if (object) {
                    key = json.currentName();
                    json.nextToken();
                } else {
                    key = Integer.toString(index);
                }
                index++;
                Origin origin = new Origin(name, line(json.currentTokenLocation()));
                JsonNode value = json.readValueAsTree();
                pending.addAll(Guard.run(origin, value == null ? null : value.toString(),
                        () -> parser.parse(key, value, origin)));
            } catch (JsonProcessingException e) {
                done = true;
                Origin at = new Origin(name, line(e.getLocation()));
                pending.add(Entry.Failure.of(at, null, e));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        private static long line(JsonLocation location) {
            return location == null ? -1 : location.getLineNr();
        }
    }
}
