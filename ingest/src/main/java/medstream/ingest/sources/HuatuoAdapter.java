package medstream.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import medstream.contracts.QaPair;
import medstream.ingest.Entry;
import medstream.ingest.Origin;
import medstream.ingest.SourceAdapter;
import medstream.ingest.io.DataFiles;
import medstream.ingest.io.Json;
import medstream.ingest.io.JsonEntries;
import medstream.ingest.io.JsonLines;
import medstream.ingest.io.MalformedEntryException;
import medstream.ingest.io.StableIds;
import medstream.ingest.io.Streams;

/**
 * BenTsao/HuaTuo ({@code huatuo-bentsao-cmekg-qa}) -> Chinese QaPairs. The folder holds two data sets,
 * kept apart by their record source: {@code llama_data.jsonl} (QA generated from cMeKG) as
 * {@value #CMEKG} and {@code liver_cancer_literature.json} (multi-turn dialogues) as {@value #LIVER}. A
 * dialogue's last {@code <user>:} turn is the question and the turns before it are the context.
 * Neither file has ids, so the native id hashes the instruction, input and output.
 */
public final class HuatuoAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "huatuo-bentsao-cmekg-qa";
    /** Record source of the cMeKG QA. */
    public static final String CMEKG = "huatuo-cmekg";
    /** Record source of the liver-cancer literature dialogues. */
    public static final String LIVER = "huatuo-liver";
    static final String CMEKG_FILE = "llama_data.jsonl";
    static final String LIVER_FILE = "liver_cancer_literature.json";
    private static final String USER_TURN = "<user>:";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "HuaTuo/BenTsao cMeKG QA (JSONL) and liver-cancer dialogues (JSON) -> raw.qa-pairs (zh)";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path dir = DataFiles.directoryOf(path);
        List<Streams.IoSupplier<Stream<Entry>>> parts = new ArrayList<>();
        if (DataFiles.wants(path, CMEKG_FILE)) {
            Path file = DataFiles.require(dir, CMEKG_FILE, NAME);
            parts.add(() -> JsonLines.read(dir, file, (node, origin) -> List.of(cmekg(node, origin))));
        }
        if (DataFiles.wants(path, LIVER_FILE)) {
            Path file = DataFiles.require(dir, LIVER_FILE, NAME);
            parts.add(() -> JsonEntries.read(dir, file, (index, node, origin) -> List.of(liver(node, origin))));
        }
        if (parts.isEmpty()) {
            throw DataFiles.unknownFile(path, NAME, CMEKG_FILE, LIVER_FILE);
        }
        return Streams.concat(parts);
    }

    static Entry cmekg(JsonNode node, Origin origin) throws MalformedEntryException {
        String instruction = Json.text(node, "instruction").strip();
        String input = Json.optText(node, "input");
        String output = Json.text(node, "output").strip();
        String id = CMEKG + ":" + StableIds.hash(instruction, input, output);
        return new Entry.Produce(origin, id, qa(id, CMEKG, instruction, output, input == null ? null : input.strip()));
    }

    static Entry liver(JsonNode node, Origin origin) throws MalformedEntryException {
        Json.object(node);
        String instruction = Json.text(node, "instruction").strip();
        String input = Json.optText(node, "input");
        String output = Json.text(node, "output").strip();
        int last = instruction.lastIndexOf(USER_TURN);
        String question = last < 0 ? instruction : instruction.substring(last + USER_TURN.length()).strip();
        String history = last <= 0 ? null : instruction.substring(0, last).strip();
        if (question.isEmpty()) {
            throw new MalformedEntryException("the last <user>: turn is empty");
        }
        String context = join(history, input);
        String id = LIVER + ":" + StableIds.hash(instruction, input, output);
        return new Entry.Produce(origin, id, qa(id, LIVER, question, output, context));
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b == null || b.isBlank() ? null : b.strip();
        }
        return b == null || b.isBlank() ? a : a + "\n" + b.strip();
    }

    private static QaPair qa(String id, String source, String question, String answer, String context) {
        return QaPair.newBuilder()
                .setId(id).setSource(source).setLanguage("zh")
                .setQuestion(question).setAnswer(answer).setContext(context)
                .build();
    }
}
