package medstream.lm;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.hf.ChatFormat;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.SafetensorsWriter;
import medstream.lm.model.HfCausalLm;
import medstream.lm.model.TorchScriptLm;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * Opens a model directory of either kind behind {@link LanguageModel} + {@link TextTokenizer}: a checkpoint
 * written by the trainer ({@link Checkpoint}, recognised by its {@code manifest.json}), or a model brought
 * from elsewhere: a TorchScript causal LM with a Hugging Face {@code tokenizer.json} (format in lm/README.md,
 * "Bringing a model"), or a Hugging Face Qwen2 / Llama directory (config.json with model_type, safetensors weights,
 * tokenizer.json), run by {@link HfCausalLm}. Nothing is downloaded; everything comes from the directory.
 *
 * <pre>{@code
 * try (ModelDirectory.Loaded m = ModelDirectory.open(dir, Device.cpu())) {
 *     int[] prompt = ...; // m.tokenizer().bosId() + m.tokenizer().encode(text)
 *     m.model().scorer().scoreOptions(prompt, options);
 * }
 * }</pre>
 */
public final class ModelDirectory {

    /** The TorchScript file of a brought model, unless the directory holds exactly one other {@code .pt}. */
    public static final String TORCHSCRIPT_FILE = "model.pt";
    /** Hugging Face model config of a brought model: vocab_size and the context length. */
    public static final String HF_CONFIG = "config.json";
    /** The tokenizer of a brought model (a Hugging Face file) or of a checkpoint (in {@code tokenizer/}). */
    public static final String TOKENIZER = "tokenizer.json";

    /** Which kind of directory. */
    public enum Kind {
        /** Written by {@link Checkpoint} (the project's model, trainable and resumable). */
        CHECKPOINT,
        /** A TorchScript causal LM with a Hugging Face tokenizer (inference only, no KV cache). */
        TORCHSCRIPT,
        /** A Hugging Face Qwen2 / Llama directory (safetensors weights; trainable). */
        HUGGING_FACE
    }

    /**
     * An opened model and its tokenizer; closing it closes the model.
     *
     * @param model the model
     * @param tokenizer its tokenizer
     * @param version the checkpoint's version, or the directory name for a brought model
     * @param kind which kind of directory it came from
     * @param chat the model's chat template shape (a Hugging Face directory's), PLAIN for none
     */
    public record Loaded(LanguageModel model, TextTokenizer tokenizer, String version, Kind kind, ChatFormat chat)
            implements AutoCloseable {
        /** A model without a chat template. */
        public Loaded(LanguageModel model, TextTokenizer tokenizer, String version, Kind kind) {
            this(model, tokenizer, version, kind, ChatFormat.PLAIN);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    private ModelDirectory() {
    }

    /**
     * Which kind of model directory this is.
     *
     * @throws IOException when it is neither (the message lists what was looked for)
     */
    public static Kind kindOf(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(Checkpoint.MANIFEST))) {
            // A trainer version of a Qwen2 / Llama base is a Hugging Face directory with a manifest beside it.
            return HfDirectory.looksLikeOne(dir) ? Kind.HUGGING_FACE : Kind.CHECKPOINT;
        }
        if (Files.isRegularFile(dir.resolve(TOKENIZER)) && torchScriptFile(dir) != null) {
            return Kind.TORCHSCRIPT;
        }
        boolean weights = Files.isRegularFile(dir.resolve(SafetensorsWriter.SINGLE))
                || Files.isRegularFile(dir.resolve(SafetensorsWriter.INDEX));
        if (weights && HfDirectory.looksLikeOne(dir)) {
            return Kind.HUGGING_FACE;
        }
        throw new IOException(dir + " is not a model directory: expected either a checkpoint (" + Checkpoint.MANIFEST
                + ", written by the trainer) or a TorchScript model (" + TORCHSCRIPT_FILE + ") with " + TOKENIZER + " and "
                + HF_CONFIG + ", or a Hugging Face Qwen2 / Llama directory (" + HF_CONFIG + " with model_type, "
                + SafetensorsWriter.SINGLE + " or its index, " + TOKENIZER + "); see lm/README.md, \"Bringing a model\"");
    }

    /**
     * Opens a model directory.
     *
     * @param dir the directory
     * @param device where the model runs
     * @return the model and tokenizer; close it when done
     * @throws IOException when the directory or a file in it cannot be read, or they do not belong together
     */
    public static Loaded open(Path dir, Device device) throws IOException {
        return switch (kindOf(dir)) {
            case CHECKPOINT -> openCheckpoint(dir, device);
            case TORCHSCRIPT -> openTorchScript(dir, device);
            case HUGGING_FACE -> openHuggingFace(dir, device);
        };
    }

    private static Loaded openCheckpoint(Path dir, Device device) throws IOException {
        Checkpoint c = Checkpoint.open(dir);
        List<Path> files = c.tokenizerFiles();
        Path tokenizerFile = files.stream().filter(f -> f.getFileName().toString().equals(TOKENIZER)).findFirst()
                .orElseThrow(() -> new IOException("checkpoint " + dir + " has no " + Checkpoint.TOKENIZER_DIR + "/"
                        + TOKENIZER + "; the trainer writes it with Checkpoint.writer(model).tokenizerFiles(...)"));
        TextTokenizer tokenizer = TextTokenizer.load(tokenizerFile);
        LanguageModel model = c.loadModel(device);
        return checked(new Loaded(model, tokenizer, c.version(), Kind.CHECKPOINT), dir);
    }

    private static Loaded openTorchScript(Path dir, Device device) throws IOException {
        TextTokenizer tokenizer = TextTokenizer.load(dir.resolve(TOKENIZER));
        Path configFile = dir.resolve(HF_CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new IOException(dir + " has a TorchScript model but no " + HF_CONFIG + "; copy the model's Hugging Face "
                    + "config.json (vocab_size and max_position_embeddings or n_positions are read)");
        }
        JsonNode config = new ObjectMapper().readTree(Files.readString(configFile, StandardCharsets.UTF_8));
        int vocab = config.path("vocab_size").asInt(-1);
        int context = firstInt(config, "max_position_embeddings", "n_positions", "n_ctx", "max_seq_len");
        if (vocab <= 0 || context <= 0) {
            throw new IOException(configFile + " needs a positive vocab_size and a context length "
                    + "(max_position_embeddings, n_positions, n_ctx or max_seq_len); got vocab_size " + vocab
                    + ", context " + context);
        }
        LanguageModel model = TorchScriptLm.load(torchScriptFile(dir), vocab, context, device);
        return checked(new Loaded(model, tokenizer, dir.toAbsolutePath().normalize().getFileName().toString(),
                Kind.TORCHSCRIPT), dir);
    }

    private static Loaded openHuggingFace(Path dir, Device device) throws IOException {
        if (Files.isRegularFile(dir.resolve(Checkpoint.MANIFEST))) {
            Checkpoint.open(dir); // a trainer version: every file checked against its manifest before use
        }
        HfDirectory hf = HfDirectory.open(dir);
        LanguageModel model = HfCausalLm.load(dir, hf.config(), device);
        return checked(new Loaded(model, hf.tokenizer(), dir.toAbsolutePath().normalize().getFileName().toString(),
                Kind.HUGGING_FACE, hf.chat()), dir);
    }

    private static int firstInt(JsonNode node, String... fields) {
        for (String f : fields) {
            if (node.path(f).canConvertToInt() && node.path(f).asInt() > 0) {
                return node.path(f).asInt();
            }
        }
        return -1;
    }

    /** {@code model.pt}, else the directory's only {@code .pt} file, else null. */
    private static Path torchScriptFile(Path dir) throws IOException {
        Path preferred = dir.resolve(TORCHSCRIPT_FILE);
        if (Files.isRegularFile(preferred)) {
            return preferred;
        }
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> pts = files.filter(f -> f.getFileName().toString().endsWith(".pt")).toList();
            return pts.size() == 1 ? pts.get(0) : null;
        }
    }

    /** A tokenizer with ids the model has no logits for would fail later, mid-request; fail at load instead. */
    private static Loaded checked(Loaded loaded, Path dir) throws IOException {
        if (loaded.tokenizer().vocabSize() > loaded.model().vocabSize()) {
            loaded.close();
            throw new IOException("the tokenizer of " + dir + " has " + loaded.tokenizer().vocabSize()
                    + " ids but the model only " + loaded.model().vocabSize() + " outputs; they do not belong together");
        }
        return loaded;
    }
}
