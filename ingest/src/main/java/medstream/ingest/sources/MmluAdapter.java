package medstream.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Option;
import medstream.ingest.Entry;
import medstream.ingest.Origin;
import medstream.ingest.SourceAdapter;
import medstream.ingest.io.Csv;
import medstream.ingest.io.DataFiles;
import medstream.ingest.io.Guard;
import medstream.ingest.io.Json;
import medstream.ingest.io.JsonLines;
import medstream.ingest.io.MalformedEntryException;
import medstream.ingest.io.Streams;

/**
 * MMLU's six medical subjects ({@code mmlu-medical}) -> ExamQuestion with the split as published.
 *
 * <p>The test split is read from {@code medagents_mmlu_medical_test.jsonl} (the final released 1,089
 * questions) and NOT from {@code test/*.csv}: the CSVs are the 2020 snapshot with 10 professional-medicine
 * questions that MMLU later dropped, and reading both would count the test set twice. {@code dev/} (5 per
 * subject) and {@code val/} come from the headerless CSVs {@code question,A,B,C,D,answer}. A single test
 * CSV passed explicitly is still read (ids {@code test/<subject>/<row>}), for whoever wants the old set.
 */
public final class MmluAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "mmlu-medical";
    static final String TEST_JSONL = "medagents_mmlu_medical_test.jsonl";
    /** The CSV splits read from a data set directory; test comes from {@link #TEST_JSONL}. */
    static final List<String> CSV_SPLITS = List.of("dev", "val");
    private static final Set<String> SPLIT_DIRS = Set.of("dev", "val", "test");
    private static final List<String> KEYS = List.of("A", "B", "C", "D");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MMLU medical subjects: dev/val CSVs and the final test JSONL (not test/*.csv) -> raw.exam-questions";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path abs = path.toAbsolutePath().normalize();
        Path dir = DataFiles.directoryOf(abs);
        if (SPLIT_DIRS.contains(dir.getFileName().toString())) {
            dir = dir.getParent();
        }
        Path root = dir;
        List<Streams.IoSupplier<Stream<Entry>>> parts = new ArrayList<>();
        if (Files.isRegularFile(abs)) {
            String file = abs.getFileName().toString();
            if (file.equals(TEST_JSONL)) {
                parts.add(() -> JsonLines.read(root, abs, MmluAdapter::testEntry));
            } else if (file.endsWith(".csv")) {
                parts.add(() -> csv(root, abs));
            } else {
                throw DataFiles.unknownFile(path, NAME, TEST_JSONL, "<split>/<subject>_<split>.csv");
            }
        } else if (SPLIT_DIRS.contains(abs.getFileName().toString())) {
            for (Path csv : csvFiles(abs)) {
                parts.add(() -> csv(root, csv));
            }
        } else {
            for (String split : CSV_SPLITS) {
                for (Path csv : csvFiles(DataFiles.requireDirectory(root, split, NAME))) {
                    parts.add(() -> csv(root, csv));
                }
            }
            Path test = DataFiles.require(root, TEST_JSONL, NAME);
            parts.add(() -> JsonLines.read(root, test, MmluAdapter::testEntry));
        }
        return Streams.concat(parts);
    }

    private static List<Path> csvFiles(Path splitDir) throws IOException {
        try (Stream<Path> files = Files.list(splitDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    static List<Entry> testEntry(JsonNode node, Origin origin) throws MalformedEntryException {
        String id = NAME + ":test/" + Json.text(node, "realidx");
        ExamQuestion q = ExamQuestions.of(id, NAME, Json.text(node, "question"), Json.options(node, "options"),
                Json.text(node, "answer_idx"), Json.optText(node, "answer"), "test", Json.optText(node, "subject"));
        return List.of(new Entry.Produce(origin, id, q));
    }

    /** The rows of {@code <split>/<subject>_<split>.csv}. */
    static Stream<Entry> csv(Path root, Path file) throws IOException {
        String split = file.getParent().getFileName().toString();
        String stem = file.getFileName().toString().replaceFirst("\\.csv$", "");
        String subject = stem.endsWith("_" + split) ? stem.substring(0, stem.length() - split.length() - 1) : stem;
        String name = DataFiles.relativeName(root, file);
        AtomicLong row = new AtomicLong();
        return Csv.read(file).flatMap(r -> {
            Origin origin = new Origin(name, r.line());
            long index = row.getAndIncrement();
            return Guard.run(origin, r.raw(), () -> List.of(csvEntry(r, origin, split, subject, index))).stream();
        });
    }

    static Entry csvEntry(Csv.Row row, Origin origin, String split, String subject, long index)
            throws MalformedEntryException {
        if (row.error() != null) {
            throw new MalformedEntryException(row.error());
        }
        List<String> f = row.fields();
        if (f.size() != 6) {
            throw new MalformedEntryException("expected 6 columns (question,A,B,C,D,answer), found " + f.size());
        }
        if (f.get(0).isBlank()) {
            throw new MalformedEntryException("the question is blank");
        }
        List<Option> options = new ArrayList<>(4);
        for (int i = 0; i < KEYS.size(); i++) {
            options.add(new Option(KEYS.get(i), f.get(i + 1)));
        }
        String id = NAME + ":" + split + "/" + subject + "/" + index;
        ExamQuestion q = ExamQuestions.of(id, NAME, f.get(0), options, f.get(5).strip(), null, split, subject);
        return new Entry.Produce(origin, id, q);
    }
}
