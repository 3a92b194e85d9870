package medstream.labeler.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.contracts.LabelRequest;
import medstream.labeler.core.InputValidator;

/**
 * Reads a PubMedQA-format JSON file ({@code {pmid: {QUESTION, CONTEXTS, LONG_ANSWER, final_decision?...}}}, as
 * in {@code shared/data/pubmedqa-pqal}) into {@link LabelRequest}s, the same records the service consumes.
 */
public final class PubMedQaFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PubMedQaFile() {}

    /**
     * One item of the file.
     *
     * @param request the request the labeler sees
     * @param gold    the expert label (final_decision) when the file has one, else null
     */
    public record Item(LabelRequest request, String gold) {}

    /** Reads every item, in file order. */
    public static List<Item> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read PubMedQA JSON " + file + ": " + e.getMessage()
                    + " (expected {pmid: {QUESTION, CONTEXTS, LONG_ANSWER}})", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object keyed by PMID (PubMedQA format)");
        }
        List<Item> items = new ArrayList<>();
        Instant now = Instant.now();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            List<String> contexts = new ArrayList<>();
            n.path("CONTEXTS").forEach(c -> contexts.add(c.asText()));
            JsonNode longAnswer = n.get("LONG_ANSWER");
            JsonNode gold = n.get("final_decision");
            LabelRequest r = LabelRequest.newBuilder()
                    .setId(e.getKey())
                    .setQuestion(n.path("QUESTION").asText(""))
                    .setContexts(contexts)
                    .setLongAnswer(longAnswer == null || longAnswer.isNull() ? null : longAnswer.asText())
                    .setOptions(InputValidator.KNOWN_OPTIONS)
                    .setSource("pubmedqa")
                    .setRequestedAt(now)
                    .build();
            items.add(new Item(r, gold == null ? null : gold.asText().toLowerCase(Locale.ROOT)));
        }
        return items;
    }
}
