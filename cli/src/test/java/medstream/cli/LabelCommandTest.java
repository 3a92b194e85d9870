package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.labeler.prompt.PromptTemplate;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./medstream label} end to end on an untrained tiny checkpoint (mechanics, not accuracy). */
class LabelCommandTest {
    private static final List<String> KEYS = List.of("id", "label", "confidence", "decision", "strategy", "model_version");

    @TempDir
    Path dir;

    /** The lm tiny preset with a 256-token window and a 400-id BPE tokenizer, as the labeler's own tests make it. */
    private Path tinyCheckpoint() throws Exception {
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            corpus.add("Context: Statins lowered cholesterol in the patients studied. Question: Do statins lower cholesterol? yes");
            corpus.add("Fasting did not change blood pressure. The answer is no. Whether it helps remains unclear: maybe.");
            corpus.add(PromptTemplate.load("ppl", "v1").text());
        }
        BpeTokenizer tok = new BpeTrainer(400).train(corpus);
        Path tokFile = Files.createDirectories(dir.resolve("tok")).resolve("tokenizer.json");
        tok.save(tokFile);
        ModelConfig tiny = ModelConfig.tiny(tok.vocabSize());
        ModelConfig config = new ModelConfig(tiny.vocabSize(), tiny.layers(), tiny.dModel(), tiny.heads(), 256, 0.0, 7);
        Path checkpoint = dir.resolve("s3-tiny");
        try (CausalLm model = CausalLm.create(config, Device.cpu())) {
            Checkpoint.writer(model).tokenizerFiles(List.of(tokFile)).writeTo(checkpoint);
        }
        return checkpoint;
    }

    private Path threeItems() throws Exception {
        Path f = dir.resolve("three.json");
        Files.writeString(f, """
                {"101": {"QUESTION": "Do statins lower cholesterol?", "CONTEXTS": ["Statins lowered LDL cholesterol by 30% in 200 patients."],
                         "LONG_ANSWER": "Statins lower cholesterol."},
                 "102": {"QUESTION": "Does fasting change blood pressure?", "CONTEXTS": ["Blood pressure did not change after fasting."],
                         "LONG_ANSWER": "Fasting did not change blood pressure."},
                 "103": {"QUESTION": "Is vitamin D linked to mood?", "CONTEXTS": ["Results were mixed across the cohorts.", "More trials are needed."],
                         "LONG_ANSWER": "The link remains unclear."}}
                """, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void givenATinyCheckpointAndThreeItems_whenLabeled_thenThreeJsonLinesWithTheDocumentedKeysAreWritten() throws Exception {
        Path model = tinyCheckpoint();
        Path input = threeItems();
        Path output = dir.resolve("out").resolve("labels.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("label", "--model", model.toString(), "--input", input.toString(), "--output", output.toString(),
                "--strategy", "ppl");

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            assertThat(n.has("id") && n.has("label")).isTrue();
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsAll(KEYS);
            ids.add(n.get("id").asText());
            assertThat(n.get("label").asText()).isIn("yes", "no", "maybe");
            assertThat(n.get("confidence").asDouble()).isBetween(0.0, 1.0);
            assertThat(n.get("decision").asText()).isIn("ACCEPT", "REVIEW");
            assertThat(n.get("strategy").asText()).isEqualTo("ppl");
            assertThat(n.get("model_version").asText()).isNotBlank();
        }
        assertThat(ids).containsExactly("101", "102", "103");
        assertThat(err.toString()).contains("labeled 3/3");
        assertThat(out.toString()).contains("Labeled 3 items").contains("strategy ppl").contains(output.toString());
    }
}
