package medstream.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import medstream.contracts.ExamQuestion;
import medstream.ingest.Entry;
import medstream.ingest.Origin;
import medstream.ingest.SourceAdapter;
import medstream.ingest.io.DataFiles;
import medstream.ingest.io.Json;
import medstream.ingest.io.JsonLines;
import medstream.ingest.io.MalformedEntryException;

/**
 * MedMCQA validation subset ({@code medmcqa}, MedAgentsBench's 2,816): JSONL {@code {realidx (uuid),
 * question, options, answer_idx, answer}} -> ExamQuestion, split {@code dev} as MedMCQA publishes it.
 * The subset has no explanations and no subject names.
 */
public final class MedMcqaAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "medmcqa";
    static final String FILE = "medmcqa_dev_subset_2816.jsonl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MedMCQA dev subset (JSONL) -> raw.exam-questions (split dev)";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path dir = DataFiles.directoryOf(path);
        if (!DataFiles.wants(path, FILE)) {
            throw DataFiles.unknownFile(path, NAME, FILE);
        }
        return JsonLines.read(dir, DataFiles.require(dir, FILE, NAME), MedMcqaAdapter::entry);
    }

    static List<Entry> entry(JsonNode node, Origin origin) throws MalformedEntryException {
        String id = NAME + ":" + Json.text(node, "realidx");
        ExamQuestion q = ExamQuestions.of(id, NAME, Json.text(node, "question"), Json.options(node, "options"),
                Json.text(node, "answer_idx"), Json.optText(node, "answer"), "dev", Json.optText(node, "subject_name"));
        return List.of(new Entry.Produce(origin, id, q));
    }
}
