package medstream.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.model.TorchScriptLm;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.lm.tokenizer.hf.HfTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelDirectory} opens both kinds of model directory: a brought TorchScript model with a Hugging Face
 * tokenizer.json and config.json (built here from the TorchScript fixture of TorchScriptLmTest, vocabulary 61,
 * context 48), and a checkpoint written by {@link Checkpoint}.
 */
class ModelDirectoryTest {

    /**
     * A byte-level BPE small enough for the fixture's 61 outputs: the byte characters of a-z, Ġ (space) and '.'
     * (ids 0..27), three merges (t+h = 28, th+e = 29, Ġ+the = 30) and <|endoftext|> at 60.
     */
    private static final String TOKENIZER_JSON = """
            {"version": "1.0", "normalizer": null,
             "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
             "added_tokens": [{"id": 60, "content": "<|endoftext|>", "single_word": false, "lstrip": false,
                               "rstrip": false, "normalized": false, "special": true}],
             "decoder": {"type": "ByteLevel"},
             "model": {"type": "BPE", "unk_token": null, "vocab": {%s, "Ġ": 26, ".": 27, "th": 28, "the": 29,
                       "Ġthe": 30}, "merges": ["t h", "th e", "Ġ the"]}}
            """;

    @Test
    void givenATorchScriptModelWithAHuggingFaceTokenizer_whenOpened_thenTextIsScoredAndGeneratedThroughBoth(
            @TempDir Path dir) throws Exception {
        Path model = broughtModel(dir, "{\"model_type\": \"gpt2\", \"vocab_size\": 61, \"n_positions\": 48}");

        assertThat(ModelDirectory.kindOf(model)).isEqualTo(ModelDirectory.Kind.TORCHSCRIPT);
        try (ModelDirectory.Loaded m = ModelDirectory.open(model, Device.cpu());
                TorchScriptLm direct = TorchScriptLm.load(torchScriptFixture(), 61, 48, Device.cpu())) {
            assertThat(m.tokenizer()).isInstanceOf(HfTokenizer.class);
            assertThat(m.model().vocabSize()).isEqualTo(61);
            assertThat(m.model().contextLength()).isEqualTo(48);
            assertThat(m.version()).isEqualTo("brought-gpt");
            // " the" is one token by the merges; <|endoftext|> is BOS and EOS (no tokenizer_config.json)
            assertThat(m.tokenizer().encode("cat the")).containsExactly(2, 0, 19, 30);
            int[] prompt = concat(new int[] {m.tokenizer().bosId()}, m.tokenizer().encode("the cat sat on"));
            List<int[]> options = List.of(m.tokenizer().encode(" the mat."), m.tokenizer().encode(" a hat."));

            List<Score> scores = m.model().scorer().scoreOptions(prompt, options);
            List<Score> expected = direct.scorer().scoreOptions(prompt, options);
            for (int i = 0; i < options.size(); i++) {
                assertThat(scores.get(i).sumLogProb()).isCloseTo(expected.get(i).sumLogProb(), within(1e-5));
                assertThat(scores.get(i).tokenCount()).isEqualTo(options.get(i).length);
            }
            int[] generated = m.model().generator().generate(List.of(prompt),
                    GenerationConfig.greedy(6, m.tokenizer().eosId())).get(0);
            assertThat(generated).containsExactly(direct.generator().generate(List.of(prompt),
                    GenerationConfig.greedy(6, 60)).get(0));
        }
    }

    @Test
    void givenAConfigWhoseVocabularyIsSmallerThanTheTokenizers_whenOpened_thenItFailsNamingBoth(@TempDir Path dir)
            throws Exception {
        Path model = broughtModel(dir, "{\"vocab_size\": 40, \"max_position_embeddings\": 48}");
        assertThatThrownBy(() -> ModelDirectory.open(model, Device.cpu())).isInstanceOf(IOException.class)
                .hasMessageContaining("61 ids").hasMessageContaining("40 outputs");
    }

    @Test
    void givenABroughtModelWithoutConfig_whenOpened_thenTheErrorSaysWhichFileToAdd(@TempDir Path dir) throws Exception {
        Path model = broughtModel(dir, null);
        assertThatThrownBy(() -> ModelDirectory.open(model, Device.cpu())).isInstanceOf(IOException.class)
                .hasMessageContaining("config.json");
    }

    @Test
    void givenADirectoryWithNeitherKind_whenOpened_thenTheErrorListsBothFormats(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelDirectory.kindOf(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("manifest.json").hasMessageContaining("model.pt");
    }

    @Test
    void givenATrainerCheckpoint_whenOpened_thenItsModelAndProjectTokenizerAreLoaded(@TempDir Path dir) throws Exception {
        BpeTokenizer tokenizer = new BpeTrainer(300).train(List.of("the patient was treated", "医学 研究 医学"));
        Path tokenizerFile = dir.resolve("tokenizer.json");
        tokenizer.save(tokenizerFile);
        Path ckpt = dir.resolve("ckpt").resolve("step-000000");
        float[][] expected;
        int[] ids = concat(new int[] {tokenizer.bosId()}, tokenizer.encode("the patient 医学"));
        try (CausalLm model = CausalLm.create(ModelConfig.tiny(tokenizer.vocabSize()), Device.cpu())) {
            Checkpoint.writer(model).tokenizerFiles(List.of(tokenizerFile)).writeTo(ckpt);
            expected = model.logits(ids);
        }

        assertThat(ModelDirectory.kindOf(ckpt)).isEqualTo(ModelDirectory.Kind.CHECKPOINT);
        try (ModelDirectory.Loaded m = ModelDirectory.open(ckpt, Device.cpu())) {
            assertThat(m.tokenizer()).isInstanceOf(BpeTokenizer.class);
            assertThat(m.tokenizer().encode("the patient 医学")).containsExactly(tokenizer.encode("the patient 医学"));
            assertThat(m.version()).isEqualTo("step-000000");
            assertThat(((CausalLm) m.model()).logits(ids)[ids.length - 1][5]).isEqualTo(expected[ids.length - 1][5]);
        }
    }

    /** A brought-model directory: the TorchScript fixture as model.pt, the tokenizer above, and the config if given. */
    private static Path broughtModel(Path root, String configJson) throws IOException, URISyntaxException {
        Path dir = Files.createDirectories(root.resolve("brought-gpt"));
        Files.copy(torchScriptFixture(), dir.resolve(ModelDirectory.TORCHSCRIPT_FILE));
        StringBuilder letters = new StringBuilder();
        for (char c = 'a'; c <= 'z'; c++) {
            letters.append(c == 'a' ? "" : ", ").append('"').append(c).append("\": ").append(c - 'a');
        }
        Files.writeString(dir.resolve(ModelDirectory.TOKENIZER), TOKENIZER_JSON.formatted(letters), StandardCharsets.UTF_8);
        if (configJson != null) {
            Files.writeString(dir.resolve(ModelDirectory.HF_CONFIG), configJson, StandardCharsets.UTF_8);
        }
        return dir;
    }

    private static Path torchScriptFixture() throws URISyntaxException {
        return Path.of(ModelDirectoryTest.class.getResource("/torchscript/tiny_gpt.pt").toURI());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
