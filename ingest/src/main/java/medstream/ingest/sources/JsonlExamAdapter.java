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
 * An exam data set shipped as one JSONL file of {@code {realidx, question, options, answer_idx, answer, ...}}
 * lines, the MedAgentsBench layout, -> ExamQuestion with id {@code <name>:<realidx>}. The data sets differ only in
 * their file, the split they publish and the field that names the subject, so one class serves them all:
 * <ul>
 *   <li>{@link #medQa()}: MedQA USMLE 4-option test split, subject = the exam step ({@code meta_info}:
 *       step1, step2&amp;3);</li>
 *   <li>{@link #medMcqa()}: MedMCQA validation subset (MedAgentsBench's 2,816, uuid ids), split {@code dev} as
 *       MedMCQA publishes it; it has no explanations and no subject names.</li>
 * </ul>
 */
public final class JsonlExamAdapter implements SourceAdapter {
    /** Source name of MedQA USMLE. */
    public static final String MEDQA = "medqa-usmle";
    /** Source name of MedMCQA. */
    public static final String MEDMCQA = "medmcqa";

    private final String name;
    private final String file;
    private final String split;
    private final String subjectField;

    private JsonlExamAdapter(String name, String file, String split, String subjectField) {
        this.name = name;
        this.file = file;
        this.split = split;
        this.subjectField = subjectField;
    }

    /** MedQA USMLE, {@code medqa_us_4opt_test.jsonl}. */
    public static JsonlExamAdapter medQa() {
        return new JsonlExamAdapter(MEDQA, "medqa_us_4opt_test.jsonl", "test", "meta_info");
    }

    /** MedMCQA, {@code medmcqa_dev_subset_2816.jsonl}. */
    public static JsonlExamAdapter medMcqa() {
        return new JsonlExamAdapter(MEDMCQA, "medmcqa_dev_subset_2816.jsonl", "dev", "subject_name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return name + " " + split + " split (JSONL " + file + ") -> raw.exam-questions";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        Path jsonl = DataFiles.onlyFile(path, file, name);
        return JsonLines.read(DataFiles.directoryOf(path), jsonl, this::entry);
    }

    private List<Entry> entry(JsonNode node, Origin origin) throws MalformedEntryException {
        String id = name + ":" + Json.text(node, "realidx");
        ExamQuestion q = ExamQuestions.of(id, name, Json.text(node, "question"), Json.options(node, "options"),
                Json.text(node, "answer_idx"), Json.optText(node, "answer"), split, Json.optText(node, subjectField));
        return List.of(new Entry.Produce(origin, id, q));
    }
}
