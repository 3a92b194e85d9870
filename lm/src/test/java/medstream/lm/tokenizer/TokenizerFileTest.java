package medstream.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerFileTest {

    private static BpeTokenizer tokenizer;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        tokenizer = new BpeTrainer(500)
                .withSpecialTokens(SpecialTokens.USER, SpecialTokens.ASSISTANT)
                .withPreTokenizer(CjkPreTokenizer.withMaxHanRun(3))
                .train(HandWrittenCorpus.repeated(3));
    }

    @Test
    void givenSavedTokenizer_whenLoaded_thenEveryEncodingIsIdentical() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);

        BpeTokenizer loaded = BpeTokenizer.load(file);

        assertThat(loaded.vocabSize()).isEqualTo(tokenizer.vocabSize());
        assertThat(loaded.specialTokens()).isEqualTo(tokenizer.specialTokens());
        assertThat(loaded.preTokenizer()).isEqualTo(tokenizer.preTokenizer());
        assertThat(loaded.metadata()).isEqualTo(tokenizer.metadata());
        assertThat(BpeTrainerTest.merges(loaded)).isEqualTo(BpeTrainerTest.merges(tokenizer));
        for (String text : HandWrittenCorpus.repeated(1)) {
            assertThat(loaded.encode(text)).containsExactly(tokenizer.encode(text));
        }
        String chat = "<|user|>咳嗽三天了<|assistant|>建议就医<|eos|>";
        assertThat(loaded.encode(chat, true)).containsExactly(tokenizer.encode(chat, true));
    }

    @Test
    void givenSavedFile_whenRead_thenItHasTheDocumentedFields() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertThat(root.path("format").asText()).isEqualTo("medstream-bpe");
        assertThat(root.path("version").asInt()).isEqualTo(1);
        assertThat(root.path("pre_tokenizer").asText()).isEqualTo("medstream-cjk-v1:han3");
        assertThat(root.path("byte_tokens").asInt()).isEqualTo(256);
        assertThat(root.path("vocab_size").asInt()).isEqualTo(500);
        assertThat(root.path("merges").size()).isEqualTo(tokenizer.mergeCount());
        JsonNode firstMerge = root.path("merges").get(0);
        assertThat(List.of(firstMerge.get(0).asInt(), firstMerge.get(1).asInt())).isEqualTo(BpeTrainerTest.merges(tokenizer).get(0));
        assertThat(root.path("special_tokens").get(2).path("content").asText()).isEqualTo(SpecialTokens.EOS);
        assertThat(root.path("special_tokens").get(2).path("id").asInt()).isEqualTo(tokenizer.eosId());
    }

    @Test
    void givenSameTokenizer_whenSavedTwice_thenFilesAreByteIdentical() throws IOException {
        Path first = dir.resolve("a.json");
        Path second = dir.resolve("b.json");

        tokenizer.save(first);
        BpeTokenizer.load(first).save(second);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void givenForeignJson_whenLoaded_thenErrorSaysItIsNotOurFormat() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"model\": {\"type\": \"BPE\"}}", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BpeTokenizer.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("medstream-bpe");
    }

    @Test
    void givenMergeThatRefersToAFutureId_whenLoaded_thenErrorNamesTheMerge() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, """
                {"format": "medstream-bpe", "version": 1, "pre_tokenizer": "medstream-cjk-v1:han2", "byte_tokens": 256,
                 "vocab_size": 258, "special_tokens": [], "merges": [[116, 104], [300, 101]], "metadata": {}}
                """, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BpeTokenizer.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("merge 1");
    }

    @Test
    void givenNewerVersion_whenLoaded_thenErrorNamesBothVersions() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"format\": \"medstream-bpe\", \"version\": 2}", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BpeTokenizer.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("version 1");
    }
}
