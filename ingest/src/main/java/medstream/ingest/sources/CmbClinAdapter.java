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
import medstream.ingest.io.MalformedEntryException;

/**
 * CMB-Clin ({@code cmb-clin}): a JSON array of clinical cases {@code {id, title, description, QA_pairs}};
 * each QA pair -> a Chinese QaPair with the case description as context and id
 * {@code cmb-clin:<case id>/<1-based pair number>}. The case title is left out of the context on purpose:
 * titles such as "案例分析-腹外疝" name the diagnosis the first question asks for.
 */
public final class CmbClinAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "cmb-clin";
    static final String FILE = "CMB-Clin-qa.json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CMB-Clin clinical cases (JSON) -> raw.qa-pairs (zh), case description as context";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        Path dir = DataFiles.directoryOf(path);
        Path json = DataFiles.onlyFile(path, FILE, NAME);
        return JsonEntries.read(dir, json, (index, node, origin) -> pairs(node, origin));
    }

    static List<Entry> pairs(JsonNode node, Origin origin) throws MalformedEntryException {
        Json.object(node);
        String caseId = Json.text(node, "id");
        String description = Json.text(node, "description").strip();
        JsonNode qas = node.get("QA_pairs");
        if (qas == null || !qas.isArray() || qas.isEmpty()) {
            throw new MalformedEntryException("case " + caseId + " has no QA_pairs array");
        }
        List<Entry> out = new ArrayList<>(qas.size());
        int n = 0;
        for (JsonNode qa : qas) {
            n++;
            String id = NAME + ":" + caseId + "/" + n;
            try {
                QaPair pair = QaPair.newBuilder()
                        .setId(id).setSource(NAME).setLanguage("zh")
                        .setQuestion(Json.text(Json.object(qa), "question").strip())
                        .setAnswer(Json.text(qa, "answer").strip())
                        .setContext(description)
                        .build();
                out.add(new Entry.Produce(origin, id, pair));
            } catch (MalformedEntryException e) {
                // One broken pair must not take its case's other pairs with it.
                out.add(Entry.Failure.of(origin, qa.toString(), new MalformedEntryException(
                        "QA pair " + n + " of case " + caseId + ": " + e.getMessage())));
            }
        }
        return out;
    }
}
