package medstream.lm.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import medstream.lm.tokenizer.hf.HfTokenizer;

/**
 * What a Hugging Face model directory says besides its weights: the decoder's {@link HfConfig}, the
 * {@code tokenizer.json} (read by {@link HfTokenizer}, with BOS/EOS from {@code tokenizer_config.json}) and the
 * chat template's {@link ChatFormat}. The weights are opened by {@link SafetensorsWeights#open}.
 *
 * @param dir the directory
 * @param config config.json
 * @param tokenizer tokenizer.json
 * @param chat the chat format
 */
public record HfDirectory(Path dir, HfConfig config, HfTokenizer tokenizer, ChatFormat chat) {

    /** The tokenizer file name. */
    public static final String TOKENIZER = "tokenizer.json";
    /** The tokenizer settings file name (special tokens, chat template). */
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    /** Files besides config.json and the weights that transformers and vLLM read from a model directory. */
    public static final List<String> SIDE_FILES = List.of(TOKENIZER, TOKENIZER_CONFIG, "special_tokens_map.json",
            "generation_config.json");

    /**
     * Copies the tokenizer and generation files of one model directory into another, so that a model saved with
     * {@code HfCausalLm.save} loads in transformers or vLLM with its tokenizer.
     *
     * @param from the directory the model was loaded from
     * @param to the directory it was saved to
     * @return the files copied
     * @throws IOException when copying fails
     */
    public static List<Path> copySideFiles(Path from, Path to) throws IOException {
        List<Path> copied = new ArrayList<>();
        for (String name : SIDE_FILES) {
            if (Files.isRegularFile(from.resolve(name))) {
                copied.add(Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING));
            }
        }
        return copied;
    }

    /** True when {@code dir} holds a config.json with a model_type (our own checkpoints have none). */
    public static boolean looksLikeOne(Path dir) {
        Path file = dir.resolve(HfConfig.FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8)).has("model_type");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads the config, tokenizer and chat format of a directory.
     *
     * @param dir a Hugging Face model directory
     * @return what it describes
     * @throws IOException when a file is missing or malformed (the message names it)
     */
    public static HfDirectory open(Path dir) throws IOException {
        HfConfig config = HfConfig.read(dir);
        Path tokenizerFile = dir.resolve(TOKENIZER);
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new IOException(dir + " has no " + TOKENIZER + "; copy the model's tokenizer files next to"
                    + " config.json");
        }
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerFile);
        if (tokenizer.vocabSize() > config.vocabSize()) {
            throw new IOException(tokenizerFile + " has " + tokenizer.vocabSize() + " tokens but config.json's"
                    + " vocab_size is " + config.vocabSize() + "; the tokenizer belongs to another model");
        }
        Path settings = dir.resolve(TOKENIZER_CONFIG);
        JsonNode tokenizerConfig = Files.isRegularFile(settings)
                ? new ObjectMapper().readTree(Files.readString(settings, StandardCharsets.UTF_8)) : null;
        return new HfDirectory(dir, config, tokenizer, ChatFormat.detect(tokenizerConfig, tokenizer));
    }
}
