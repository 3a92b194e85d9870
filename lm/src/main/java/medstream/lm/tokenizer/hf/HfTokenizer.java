package medstream.lm.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * A Hugging Face {@code tokenizer.json} with byte-level BPE (GPT-2, Llama-3, Qwen and models trained the same
 * way), read in pure Java: nothing native, nothing downloaded. Pipeline, as in the {@code tokenizers} library:
 * added tokens are cut out of the text, each remaining stretch is normalised ({@link Normalizers}), pre-tokenized
 * ({@link PreTokenizers}: the GPT-2 or Llama-3 split regex, then bytes to characters with {@link ByteLevel}) and
 * merged by rank ({@link BpeModel}). The {@code post_processor} (which adds BOS in Llama-3's file) is not applied:
 * callers add {@link #bosId()} themselves, as they do with the project's tokenizer. Decoding maps the byte characters
 * back to bytes; added tokens decode to their text.
 *
 * <p>BOS, EOS and pad come from {@code tokenizer_config.json} next to the file ({@code bos_token}, {@code eos_token},
 * {@code pad_token}, as a string or {@code {"content": ...}}); without it, from well-known added tokens
 * ({@code <|begin_of_text|>}, {@code <s>}; {@code <|endoftext|>}, {@code <|end_of_text|>}, {@code </s>}), BOS falling
 * back to EOS (GPT-2 uses {@code <|endoftext|>} for both) and pad to EOS.
 *
 * <p>Thread-safe (the only mutable state is a concurrent cache of merged pieces).
 */
public final class HfTokenizer implements TextTokenizer {

    private static final List<String> BOS_NAMES = List.of("<|begin_of_text|>", "<s>", "<|startoftext|>", "<bos>");
    private static final List<String> EOS_NAMES = List.of("<|endoftext|>", "<|end_of_text|>", "</s>", "<eos>");

    private final UnaryOperator<String> normalizer;
    private final PreTokenizers.Parsed preTokenizer;
    private final BpeModel model;
    private final AddedTokens added;
    /** id -> vocabulary token (byte characters), null where the vocabulary has a hole. */
    private final String[] tokens;
    private final int vocabSize;
    private final int bosId;
    private final int eosId;
    private final int padId;

    private HfTokenizer(UnaryOperator<String> normalizer, PreTokenizers.Parsed preTokenizer, BpeModel model,
            AddedTokens added, int bosId, int eosId, int padId) {
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.added = added;
        int max = -1;
        for (int id : model.vocab().values()) {
            max = Math.max(max, id);
        }
        for (AddedTokens.Token t : added.all()) {
            max = Math.max(max, t.id());
        }
        this.vocabSize = max + 1;
        this.tokens = new String[vocabSize];
        for (Map.Entry<String, Integer> e : model.vocab().entrySet()) {
            tokens[e.getValue()] = e.getKey();
        }
        this.bosId = bosId;
        this.eosId = eosId;
        this.padId = padId;
    }

    /**
     * Reads a {@code tokenizer.json}, and {@code tokenizer_config.json} from the same directory when there is one.
     *
     * @param file the {@code tokenizer.json}
     * @return the tokenizer
     * @throws IOException when the file cannot be read, or describes something other than byte-level BPE (the
     *     message names the part that is not supported)
     */
    public static HfTokenizer load(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
        Path configFile = file.toAbsolutePath().resolveSibling("tokenizer_config.json");
        JsonNode config = Files.isRegularFile(configFile)
                ? json.readTree(Files.readString(configFile, StandardCharsets.UTF_8)) : null;
        return parse(root, config, file.toString());
    }

    /**
     * Builds a tokenizer from parsed JSON.
     *
     * @param root the {@code tokenizer.json} object
     * @param config the {@code tokenizer_config.json} object, or null
     * @param source a name for error messages (the file)
     */
    public static HfTokenizer parse(JsonNode root, JsonNode config, String source) throws IOException {
        if (root == null || !root.path("model").isObject()) {
            throw new IOException(source + " has no \"model\" object; it is not a Hugging Face tokenizer.json");
        }
        BpeModel model = BpeModel.parse(root.get("model"), source);
        AddedTokens added = AddedTokens.parse(root.path("added_tokens"), source);
        UnaryOperator<String> normalizer = Normalizers.parse(root.get("normalizer"), source);
        PreTokenizers.Parsed preTokenizer = PreTokenizers.parse(root.get("pre_tokenizer"), source);
        int eos = control(config, "eos_token", EOS_NAMES, -1, model, added, source);
        int bos = control(config, "bos_token", BOS_NAMES, eos, model, added, source);
        int pad = control(config, "pad_token", List.of(), eos, model, added, source);
        return new HfTokenizer(normalizer, preTokenizer, model, added, bos, eos, pad);
    }

    private static int control(JsonNode config, String field, List<String> names, int fallback, BpeModel model,
            AddedTokens added, String source) throws IOException {
        JsonNode value = config == null ? null : config.get(field);
        String content = value == null || value.isNull() ? null
                : value.isTextual() ? value.asText() : value.path("content").asText(null);
        if (content != null) {
            int id = idOf(content, model, added);
            if (id < 0) {
                throw new IOException(source + ": tokenizer_config.json names " + field + " '" + content
                        + "' but tokenizer.json has no such token");
            }
            return id;
        }
        for (String name : names) {
            int id = idOf(name, model, added);
            if (id >= 0) {
                return id;
            }
        }
        return fallback;
    }

    private static int idOf(String content, BpeModel model, AddedTokens added) {
        AddedTokens.Token t = added.byContent(content);
        if (t != null) {
            return t.id();
        }
        Integer id = model.vocab().get(content);
        return id == null ? -1 : id;
    }

    @Override
    public int[] encode(String text) {
        return encode(text, false);
    }

    @Override
    public int[] encode(String text, boolean allowSpecial) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        for (AddedTokens.Segment segment : added.split(text, allowSpecial)) {
            if (segment.id() >= 0) {
                parts.add(new int[] {segment.id()});
                total++;
                continue;
            }
            for (String piece : preTokenizer.split(normalizer.apply(segment.text()))) {
                if (!piece.isEmpty()) {
                    int[] ids = model.encode(piece);
                    parts.add(ids);
                    total += ids.length;
                }
            }
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] ids : parts) {
            System.arraycopy(ids, 0, out, at, ids.length);
            at += ids.length;
        }
        return out;
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            AddedTokens.Token t = id >= 0 ? added.byId(id) : null;
            if (t != null) {
                if (!(skipSpecial && t.special())) {
                    bytes.writeBytes(t.content().getBytes(StandardCharsets.UTF_8));
                }
            } else if (id >= 0 && id < vocabSize && tokens[id] != null) {
                ByteLevel.decodeInto(tokens[id], bytes);
            } else {
                throw new IllegalArgumentException("token id " + id + " is not in this tokenizer.json (ids 0.."
                        + (vocabSize - 1) + "); was it produced by a model with a different tokenizer?");
            }
        }
        // new String(..., UTF_8) replaces malformed input with U+FFFD; it never throws.
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int bosId() {
        return require(bosId, "bos_token");
    }

    @Override
    public int eosId() {
        return require(eosId, "eos_token");
    }

    @Override
    public int padId() {
        return require(padId, "pad_token");
    }

    private static int require(int id, String field) {
        if (id < 0) {
            throw new IllegalStateException("this tokenizer.json has no " + field + " that could be recognised; put a "
                    + "tokenizer_config.json with \"" + field + "\" next to it (the model's own file from its repository)");
        }
        return id;
    }

    @Override
    public boolean isSpecial(int id) {
        AddedTokens.Token t = added.byId(id);
        return t != null && t.special();
    }

    /** The token string of an id as written in the file (byte characters, or an added token's text). */
    public String token(int id) {
        AddedTokens.Token t = added.byId(id);
        if (t != null) {
            return t.content();
        }
        if (id < 0 || id >= vocabSize || tokens[id] == null) {
            throw new IllegalArgumentException("token id " + id + " is not in this tokenizer.json");
        }
        return tokens[id];
    }

    /** The id of a token string as written in the file (byte characters, or an added token's text), or -1. */
    public int id(String token) {
        return idOf(token, model, added);
    }

    @Override
    public String toString() {
        return "HfTokenizer[vocab " + vocabSize + ", bos " + bosId + ", eos " + eosId + ", pad " + padId + "]";
    }
}
