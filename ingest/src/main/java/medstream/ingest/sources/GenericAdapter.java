package medstream.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import medstream.contracts.RawDocument;
import medstream.ingest.Entry;
import medstream.ingest.Origin;
import medstream.ingest.SourceAdapter;
import medstream.ingest.io.DataFiles;
import medstream.ingest.io.Json;
import medstream.ingest.io.JsonLines;
import medstream.ingest.io.MalformedEntryException;
import medstream.ingest.io.StableIds;

/**
 * Any text ({@code generic}) -> RawDocument:
 * <ul>
 *   <li>a JSONL file, one document per line: {@code text} or {@code body} (required), optional {@code id},
 *       {@code title}, {@code language}, {@code kind} (default TEXT) and {@code source} (default
 *       {@value #NAME}); without an id the native id is a hash of the text;</li>
 *   <li>a directory of {@code .txt} files (searched recursively), one document per file: id = the path
 *       below the directory, title = the file name without {@code .txt}.</li>
 * </ul>
 */
public final class GenericAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "generic";
    private static final Set<String> KINDS = Set.of("ABSTRACT", "DEFINITION", "QA_ANSWER", "BOOK", "GUIDELINE", "WEB",
            "TEXT");

    private final Clock clock;

    /** An adapter stamping documents with {@code clock}'s time. */
    public GenericAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A JSONL file (id/title/text|body/language) or a directory of .txt files -> raw.documents";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path abs = path.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(abs)) {
                files = walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".txt"))
                        .sorted().toList();
            }
            return files.stream().map(f -> textFile(abs, f));
        }
        return JsonLines.read(abs.getParent(), abs, (node, origin) -> List.of(jsonDocument(node, origin)));
    }

    Entry jsonDocument(JsonNode node, Origin origin) throws MalformedEntryException {
        String body = Json.optText(node, "text") != null ? Json.optText(node, "text") : Json.optText(node, "body");
        if (body == null) {
            throw new MalformedEntryException("a document needs a non-blank 'text' or 'body' field");
        }
        String source = Json.optText(node, "source") != null ? Json.optText(node, "source") : NAME;
        String nativeId = Json.optText(node, "id") != null ? Json.optText(node, "id") : StableIds.hash(body);
        String kind = Json.optText(node, "kind") == null ? "TEXT" : Json.optText(node, "kind").toUpperCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new MalformedEntryException("kind '" + kind + "' is not one of " + KINDS);
        }
        String id = source + ":" + nativeId;
        RawDocument doc = RawDocument.newBuilder()
                .setId(id).setSource(source).setKind(kind)
                .setLanguage(Json.optText(node, "language"))
                .setTitle(Json.optText(node, "title"))
                .setBody(body)
                .setMetadata(Map.of("file", origin.file(), "line", Long.toString(origin.line())))
                .setIngestedAt(clock.instant())
                .build();
        return new Entry.Produce(origin, id, doc);
    }

    private Entry textFile(Path dir, Path file) {
        String name = DataFiles.relativeName(dir, file);
        Origin origin = new Origin(name, 1);
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
            // Strict decoding: a file that is not UTF-8 goes to the DLQ instead of becoming mojibake.
            String body = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (body.isBlank()) {
                throw new MalformedEntryException("the file is empty");
            }
            String relative = dir.relativize(file).toString().replace('\\', '/');
            String id = NAME + ":" + relative;
            RawDocument doc = RawDocument.newBuilder()
                    .setId(id).setSource(NAME).setKind("TEXT")
                    .setTitle(file.getFileName().toString().replaceFirst("\\.txt$", ""))
                    .setBody(body)
                    .setMetadata(Map.of("file", name))
                    .setIngestedAt(clock.instant())
                    .build();
            return new Entry.Produce(origin, id, doc);
        } catch (CharacterCodingException e) {
            return new Entry.Failure(origin, bytes, "CharacterCodingException", "Cannot read " + name
                    + " as UTF-8 text; convert it (e.g. iconv -t UTF-8) and ingest it again", e);
        } catch (IOException | MalformedEntryException e) {
            return new Entry.Failure(origin, bytes, e.getClass().getSimpleName(), "Cannot read " + name + ": "
                    + e.getMessage(), e);
        }
    }
}
