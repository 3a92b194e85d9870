package medstream.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import medstream.lm.tokenizer.hf.HfTokenizer;

/** Picks the reader for a {@code tokenizer.json} by its content; see {@link TextTokenizer#load}. */
final class Tokenizers {

    private Tokenizers() {
    }

    static TextTokenizer load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a JSON object; expected a tokenizer.json");
        }
        if (TokenizerFile.FORMAT.equals(root.path("format").asText(null))) {
            return BpeTokenizer.load(file);
        }
        if (root.path("model").isObject()) {
            return HfTokenizer.load(file);
        }
        throw new IOException(file + " is neither a medstream tokenizer (\"format\": \"" + TokenizerFile.FORMAT
                + "\") nor a Hugging Face tokenizer.json (a \"model\" object); point the model directory at one of them");
    }
}
