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
 * MedQA USMLE 4-option test split ({@code medqa-usmle}): JSONL {@code {realidx, question, options, answer_idx,
 * answer, meta_info}} -> ExamQuestion, split {@code test}, subject = the exam step (step1, step2&3).
 */
public final class MedQaAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "medqa-usmle";
    static final String FILE = "medqa_us_4opt_test.jsonl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MedQA USMLE 4-option test split (JSONL) -> raw.exam-questions (split test)";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path dir = DataFiles.directoryOf(path);
        if (!DataFiles.wants(path, FILE)) {
            throw DataFiles.unknownFile(path, NAME, FILE);
        }
        return JsonLines.read(dir, DataFiles.require(dir, FILE, NAME), MedQaAdapter::entry);
    }

    static List<Entry> entry(JsonNode node, Origin origin) throws MalformedEntryException {
        String id = NAME + ":" + Json.text(node, "realidx");
        ExamQuestion q = ExamQuestions.of(id, NAME, Json.text(node, "question"), Json.options(node, "options"),
                Json.text(node, "answer_idx"), Json.optText(node, "answer"), "test", Json.optText(node, "meta_info"));
        return List.of(new Entry.Produce(origin, id, q));
    }
}
