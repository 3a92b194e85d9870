package medstream.experiments.bench.cleaning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import medstream.contracts.EvalItem;

/** The PubMedQA PQA-L test half as evaluation items: the decontamination set of the benchmark. */
final class EvalItems {

    private EvalItems() {
    }

    static List<EvalItem> pubmedQaTest(Path dataDir) {
        Path file = dataDir.resolve("pubmedqa-pqal/pqal_test_unlabeled.json");
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            List<EvalItem> items = new ArrayList<>();
            root.fields().forEachRemaining(e -> {
                List<String> contexts = new ArrayList<>();
                e.getValue().get("CONTEXTS").forEach(c -> contexts.add(c.asText()));
                items.add(EvalItem.newBuilder().setId("pubmedqa:" + e.getKey()).setBenchmark("pubmedqa")
                        .setSplit("test").setQuestion(e.getValue().get("QUESTION").asText())
                        .setContext(String.join("\n", contexts)).build());
            });
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
