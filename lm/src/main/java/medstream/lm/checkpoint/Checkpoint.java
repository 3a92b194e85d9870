package medstream.lm.checkpoint;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import medstream.lm.hf.HfConfig;
import medstream.lm.model.CausalLm;
import medstream.lm.model.DecoderNet;
import medstream.lm.model.Devices;
import medstream.lm.model.HfCausalLm;
import medstream.lm.model.LoraConfig;
import medstream.lm.model.ModelConfig;
import medstream.lm.model.TrainableLm;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verified checkpoint directory: model parameters, optimizer state, configs, tokenizer files, the
 * training step, consumed offsets, lineage, statistics, metrics and any extra state of the trainer.
 *
 * <p>Writing is atomic: files go to a hidden temporary directory next to the target, {@code manifest.json}
 * (size and SHA-256 of every other file) is written last, and the directory is renamed into place with
 * {@code ATOMIC_MOVE}. A reader therefore sees a whole checkpoint or none; {@link #open(Path)} re-checks
 * every hash, so a file damaged later is reported as a {@link CorruptCheckpointException}. Layout: see
 * lm/README.md. A checkpoint of a Qwen2 / Llama decoder ({@link HfCausalLm}) is also a Hugging Face model directory
 * (see {@link HfVersionFiles}): config.json, merged weights and tokenizer files at the top level.
 */
public final class Checkpoint {

    /** Version of the directory layout, stored in the manifest. */
    public static final int FORMAT_VERSION = 1;
    /** Sizes and hashes of every other file; written last. */
    public static final String MANIFEST = "manifest.json";
    /** The {@link ModelConfig}. */
    public static final String CONFIG = "config.json";
    /** The {@link LoraConfig}, present only while adapters are enabled. */
    public static final String LORA = "lora.json";
    /** Step, offsets, lineage, statistics, metrics, optimizer and schedule settings, extra JSON. */
    public static final String STATE = "state.json";
    /** Every parameter, safetensors. */
    public static final String PARAMETERS = "model.safetensors";
    /** AdamW moments, safetensors; present when a trainer was saved. */
    public static final String OPTIMIZER = "optimizer.safetensors";
    /** Copies of the tokenizer files. */
    public static final String TOKENIZER_DIR = "tokenizer";
    /** Extra files attached by the trainer. */
    public static final String EXTRA_DIR = "extra";

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    /** Our GPT's shape, or null for a Hugging Face checkpoint. */
    private final ModelConfig config;
    /** A Hugging Face decoder's shape, or null for our GPT. */
    private final HfConfig hfConfig;
    private final LoraConfig lora;
    private final JsonNode state;

    private Checkpoint(Path dir, ModelConfig config, HfConfig hfConfig, LoraConfig lora, JsonNode state) {
        this.dir = dir;
        this.config = config;
        this.hfConfig = hfConfig;
        this.lora = lora;
        this.state = state;
    }

    /**
     * Starts describing a checkpoint of a model.
     *
     * @param model the model whose parameters are saved
     * @return a writer; add state, then call {@link Writer#writeTo(Path)}
     */
    public static Writer writer(TrainableLm model) {
        if (!(model instanceof CausalLm) && !(model instanceof HfCausalLm)) {
            throw new IllegalArgumentException("checkpoints hold a CausalLm or an HfCausalLm, not a "
                    + model.getClass().getSimpleName());
        }
        return new Writer(model);
    }

    /**
     * Opens and verifies a checkpoint directory.
     *
     * @param dir a directory written by {@link Writer#writeTo(Path)}
     * @return the checkpoint
     * @throws CorruptCheckpointException if the manifest is missing or a file does not match it
     */
    public static Checkpoint open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CorruptCheckpointException(dir, dir, "no checkpoint directory at " + dir
                    + "; check the path (checkpoints are directories holding " + MANIFEST + ")", null);
        }
        verify(dir);
        try {
            JsonNode configJson = JSON.readTree(dir.resolve(CONFIG).toFile());
            boolean hf = HfVersionFiles.isHuggingFace(configJson);
            ModelConfig config = hf ? null : JSON.treeToValue(configJson, ModelConfig.class);
            HfConfig hfConfig = hf ? HfConfig.parse(configJson, dir.resolve(CONFIG).toString()) : null;
            Path loraFile = dir.resolve(LORA);
            LoraConfig lora = Files.exists(loraFile) ? JSON.readValue(loraFile.toFile(), LoraConfig.class) : null;
            JsonNode state = JSON.readTree(dir.resolve(STATE).toFile());
            return new Checkpoint(dir, config, hfConfig, lora, state);
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException(dir, dir, "checkpoint " + dir + " passed its hash check but its JSON"
                    + " cannot be read (" + e.getMessage() + "); it was written by an incompatible version", e);
        }
    }

    /**
     * The newest checkpoint under a root directory that verifies, by step then name. Damaged or unfinished
     * ones are logged and skipped, so a crash while writing falls back to the previous checkpoint.
     *
     * @param root directory holding checkpoint directories
     * @return the newest good checkpoint, or empty when there is none
     */
    public static Optional<Checkpoint> latest(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<Checkpoint> good = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path child : children) {
                if (child.getFileName().toString().startsWith(".")) {
                    continue; // unfinished temporary directories
                }
                try {
                    good.add(open(child));
                } catch (CorruptCheckpointException e) {
                    LOG.warn("skipping checkpoint {}: {}", child, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + root, e);
        }
        return good.stream().max(Comparator.comparingLong(Checkpoint::step)
                .thenComparing(c -> c.dir().getFileName().toString()));
    }

    /**
     * Deletes the hidden temporary directories a crashed writer left under a root.
     *
     * @param root directory holding checkpoint directories
     * @return how many were deleted
     * @throws IOException if deletion fails
     */
    public static int deleteUnfinished(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root,
                p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().contains(".tmp-"))) {
            for (Path child : children) {
                FileIo.deleteRecursively(child);
                deleted++;
            }
        }
        return deleted;
    }

    /** The checkpoint directory. */
    public Path dir() {
        return dir;
    }

    /** The version name: the directory's name. */
    public String version() {
        return dir.getFileName().toString();
    }

    /** The network shape of our GPT; fails for a Hugging Face checkpoint (see {@link #hfConfig()}). */
    public ModelConfig config() {
        if (config == null) {
            throw new IllegalStateException("checkpoint " + dir + " holds a " + hfConfig.modelType() + " decoder, not"
                    + " medstream's GPT; read hfConfig() or load it with loadTrainable()");
        }
        return config;
    }

    /** The model directory whose weights this checkpoint's LoRA adapters adapt (Hugging Face checkpoints only). */
    public Optional<Path> loraBase() {
        String base = state.path(HfVersionFiles.LORA_BASE).asText("");
        return base.isEmpty() ? Optional.empty() : Optional.of(Path.of(base));
    }

    /** True when this checkpoint is a Hugging Face model directory of a Qwen2 / Llama decoder. */
    public boolean isHuggingFace() {
        return hfConfig != null;
    }

    /** The Qwen2 / Llama shape of a Hugging Face checkpoint. */
    public Optional<HfConfig> hfConfig() {
        return Optional.ofNullable(hfConfig);
    }

    /** The context length of the model, either kind. */
    public int contextLength() {
        return hfConfig != null ? hfConfig.maxPositionEmbeddings() : config.context();
    }

    /** The adapter layout, when the model was saved with LoRA enabled. */
    public Optional<LoraConfig> loraConfig() {
        return Optional.ofNullable(lora);
    }

    /** Optimizer steps completed when saved. */
    public long step() {
        return state.path("step").asLong();
    }

    /** Next offset to consume per "topic-partition". */
    public Map<String, Long> offsets() {
        Map<String, Long> out = new TreeMap<>();
        state.path("offsets").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return Collections.unmodifiableMap(out);
    }

    /** Version of the checkpoint this one continued from, if any. */
    public Optional<String> parentVersion() {
        JsonNode p = state.get("parentVersion");
        return p == null || p.isNull() ? Optional.empty() : Optional.of(p.asText());
    }

    /** Data statistics: integral values as Long, others as Double. */
    public Map<String, Number> dataStats() {
        Map<String, Number> out = new TreeMap<>();
        state.path("dataStats").fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().isIntegralNumber() ? (Number) e.getValue().asLong() : (Number) e.getValue().asDouble()));
        return Collections.unmodifiableMap(out);
    }

    /** Metrics recorded at save time. */
    public Map<String, Double> metrics() {
        Map<String, Double> out = new TreeMap<>();
        state.path("metrics").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return Collections.unmodifiableMap(out);
    }

    /** When the checkpoint was written. */
    public Instant createdAt() {
        return Instant.parse(state.path("createdAt").asText());
    }

    /** A JSON value the trainer attached under a name. */
    public Optional<JsonNode> extraJson(String name) {
        return Optional.ofNullable(state.path("extra").get(name));
    }

    /**
     * A JSON value the trainer attached, read as a type.
     *
     * @param name the name it was attached under
     * @param type class to bind to
     * @param <T> the type
     * @return the value, or empty when absent
     */
    public <T> Optional<T> extraJson(String name, Class<T> type) {
        return extraJson(name).map(node -> {
            try {
                return JSON.treeToValue(node, type);
            } catch (IOException e) {
                throw new IllegalArgumentException("extra JSON '" + name + "' in " + dir + " is not a " + type.getName(), e);
            }
        });
    }

    /** A file the trainer attached under a name (a verified path inside the checkpoint; read only). */
    public Optional<Path> extraFile(String name) {
        Path p = dir.resolve(EXTRA_DIR).resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The copied tokenizer files, sorted by name (at the top level of a Hugging Face checkpoint). */
    public List<Path> tokenizerFiles() {
        if (isHuggingFace()) {
            return HfVersionFiles.tokenizerFiles(dir);
        }
        Path tokDir = dir.resolve(TOKENIZER_DIR);
        if (!Files.isDirectory(tokDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tokDir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tokDir, e);
        }
    }

    /** True when optimizer state was saved. */
    public boolean hasOptimizerState() {
        return Files.exists(HfVersionFiles.optimizerFile(dir, isHuggingFace()));
    }

    /** The optimizer settings of the saved trainer. */
    public Optional<OptimizerConfig> optimizerConfig() {
        return read("optimizer", OptimizerConfig.class);
    }

    /** The learning rate schedule of the saved trainer. */
    public Optional<LrSchedule> schedule() {
        return read("schedule", LrSchedule.class);
    }

    /** Loads the GPT onto the preferred device. */
    public CausalLm loadModel() {
        return loadModel(Devices.preferred());
    }

    /**
     * Loads the model as it was being trained, either kind, adapters unmerged: the state a resumed run continues.
     *
     * @param device where parameters live
     * @return the model; the caller closes it
     */
    public DecoderNet loadTrainable(Device device) {
        if (!isHuggingFace()) {
            return loadModel(device);
        }
        try {
            return HfVersionFiles.loadTrainable(this, hfConfig, lora, state, device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the weights of " + dir, e);
        }
    }

    /**
     * Loads the model with any adapters folded in: the weights a next stage starts from. For a Hugging Face checkpoint
     * these are exactly the merged weights in its {@code model.safetensors}, which HF tools load too.
     *
     * @param device where parameters live
     * @return the model without LoRA; the caller closes it
     */
    public DecoderNet loadMerged(Device device) {
        if (isHuggingFace()) {
            try {
                return HfCausalLm.load(dir, hfConfig, device);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the weights of " + dir, e);
            }
        }
        CausalLm model = loadModel(device);
        if (model.loraConfig().isPresent()) {
            model.mergeLora();
        }
        return model;
    }

    /**
     * Loads the model.
     *
     * @param device where parameters live
     * @return the model; the caller closes it
     */
    public CausalLm loadModel(Device device) {
        if (isHuggingFace()) {
            throw new IllegalStateException("checkpoint " + dir + " holds a " + hfConfig.modelType() + " decoder; load"
                    + " it with loadTrainable(device) or loadMerged(device)");
        }
        try {
            return CausalLm.loadParameters(config, lora, dir.resolve(PARAMETERS), device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(PARAMETERS), e);
        }
    }

    /**
     * Restores optimizer moments and the step counter into a trainer built over this checkpoint's model
     * (same config and LoRA layout), so training continues exactly where it stopped.
     *
     * @param trainer a fresh trainer
     */
    public void restoreTrainer(LmTrainer trainer) {
        if (!hasOptimizerState()) {
            throw new IllegalStateException("checkpoint " + dir + " holds no optimizer state (it was saved without a"
                    + " trainer); start a fresh trainer instead");
        }
        try {
            trainer.optimizer().loadMoments(HfVersionFiles.optimizerFile(dir, isHuggingFace()),
                    state.path("optimizerStep").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HfVersionFiles.optimizerFile(dir, isHuggingFace()), e);
        }
        trainer.restoreStep(step());
    }

    /**
     * A trainer over {@code model} with the saved optimizer settings and schedule and the saved state
     * restored.
     *
     * @param model the model loaded from this checkpoint
     * @return the trainer; the caller closes it
     */
    public LmTrainer newTrainer(TrainableLm model) {
        OptimizerConfig optimizer = optimizerConfig().orElseThrow(() -> new IllegalStateException(
                "checkpoint " + dir + " holds no optimizer settings; it was saved without a trainer"));
        LrSchedule schedule = schedule().orElseThrow();
        LmTrainer trainer = new LmTrainer(model, optimizer, schedule);
        try {
            restoreTrainer(trainer);
            return trainer;
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Checkpoint[" + dir + ", step " + step() + "]";
    }

    private <T> Optional<T> read(String field, Class<T> type) {
        JsonNode node = state.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.treeToValue(node, type));
        } catch (IOException e) {
            throw new CorruptCheckpointException(dir, dir.resolve(STATE), "'" + field + "' in " + dir.resolve(STATE)
                    + " cannot be read as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Checks every file against the manifest. */
    private static void verify(Path dir) {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.exists(manifestFile)) {
            throw new CorruptCheckpointException(dir, manifestFile, "checkpoint " + dir + " has no " + MANIFEST
                    + ": it was not finished (the writer stopped before completing it). Delete the directory and"
                    + " resume from the previous checkpoint (Checkpoint.latest skips it).", null);
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new CorruptCheckpointException(dir, manifestFile, MANIFEST + " of " + dir + " is not valid JSON ("
                    + e.getMessage() + "); the checkpoint is damaged: delete it and resume from the previous one", e);
        }
        int format = manifest.path("formatVersion").asInt(-1);
        if (format != FORMAT_VERSION) {
            throw new CorruptCheckpointException(dir, manifestFile, "checkpoint " + dir + " has layout version " + format
                    + " but this code reads version " + FORMAT_VERSION + "; load it with the matching medstream version",
                    null);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Path file = dir.resolve(entry.getKey()).normalize();
            if (!file.startsWith(dir.normalize())) {
                throw new CorruptCheckpointException(dir, manifestFile, MANIFEST + " names a file outside the"
                        + " checkpoint (" + entry.getKey() + "); the checkpoint is not trustworthy, delete it", null);
            }
            long expectedBytes = entry.getValue().path("bytes").asLong();
            String expectedHash = entry.getValue().path("sha256").asText();
            try {
                long bytes = Files.size(file);
                if (bytes != expectedBytes) {
                    throw new CorruptCheckpointException(dir, file, "checkpoint file " + file + " has " + bytes
                            + " bytes but the manifest recorded " + expectedBytes + " (truncated or overwritten)."
                            + " Delete " + dir + " and resume from the previous checkpoint.", null);
                }
                if (!FileIo.sha256(file).equals(expectedHash)) {
                    throw new CorruptCheckpointException(dir, file, "checkpoint file " + file + " does not match its"
                            + " SHA-256 in the manifest (the bytes changed after writing). Delete " + dir
                            + " and resume from the previous checkpoint.", null);
                }
            } catch (NoSuchFileException e) {
                throw new CorruptCheckpointException(dir, file, "checkpoint file " + file + " listed in the manifest is"
                        + " missing. Delete " + dir + " and resume from the previous checkpoint.", e);
            } catch (IOException e) {
                throw new CorruptCheckpointException(dir, file, "cannot read checkpoint file " + file + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** Collects what goes into a checkpoint and writes it atomically. */
    public static final class Writer {

        private final TrainableLm model;
        private LmTrainer trainer;
        private Path loraBase;
        private Long step;
        private final List<Path> tokenizerFiles = new ArrayList<>();
        private final Map<String, Long> offsets = new TreeMap<>();
        private String parentVersion;
        private final Map<String, Number> dataStats = new TreeMap<>();
        private final Map<String, Double> metrics = new TreeMap<>();
        private final Map<String, JsonNode> extraJson = new TreeMap<>();
        private final Map<String, Path> extraFiles = new LinkedHashMap<>();

        private Writer(TrainableLm model) {
            this.model = model;
        }

        /**
         * The model directory whose weights the enabled LoRA adapters of a Hugging Face model adapt (recorded, not
         * copied; a resumed run loads it).
         */
        public Writer loraBase(Path value) {
            this.loraBase = value.toAbsolutePath().normalize();
            return this;
        }

        /** Saves the trainer's optimizer moments, settings, schedule and step. */
        public Writer trainer(LmTrainer value) {
            this.trainer = value;
            return this;
        }

        /** Step to record when no trainer is given (defaults to the trainer's step, else 0). */
        public Writer step(long value) {
            this.step = value;
            return this;
        }

        /** Tokenizer files to copy in (by file name; names must differ). */
        public Writer tokenizerFiles(List<Path> files) {
            tokenizerFiles.addAll(files);
            return this;
        }

        /** Next offset to consume per "topic-partition". */
        public Writer offsets(Map<String, Long> value) {
            offsets.putAll(value);
            return this;
        }

        /** Version of the checkpoint this one continues from. */
        public Writer parentVersion(String value) {
            this.parentVersion = value;
            return this;
        }

        /** Data statistics (counts as Long, ratios as Double). */
        public Writer dataStats(Map<String, ? extends Number> value) {
            dataStats.putAll(value);
            return this;
        }

        /** Metrics such as the last training and validation loss. */
        public Writer metrics(Map<String, Double> value) {
            metrics.putAll(value);
            return this;
        }

        /** Any JSON-serialisable value (e.g. an RNG state), stored in state.json under a name. */
        public Writer extraJson(String name, Object value) {
            extraJson.put(name, JSON.valueToTree(value));
            return this;
        }

        /** A file (e.g. a serialised replay reservoir) copied into {@code extra/<name>}. */
        public Writer extraFile(String name, Path source) {
            if (!SAFE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("extra file name '" + name + "' must be a plain file name"
                        + " (letters, digits, '.', '_', '-')");
            }
            extraFiles.put(name, source);
            return this;
        }

        /**
         * Writes the checkpoint to {@code dir}, which must not exist yet, and returns it verified.
         *
         * @param dir the checkpoint directory to create (e.g. {@code checkpoints/step-000100})
         * @return the written checkpoint
         * @throws IOException if writing fails; nothing is left at {@code dir} then
         */
        public Checkpoint writeTo(Path dir) throws IOException {
            Path target = dir.toAbsolutePath().normalize();
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "checkpoints are never overwritten; write to a new version directory");
            }
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            try {
                writeFiles(tmp);
                writeManifest(tmp);
                FileIo.fsync(tmp);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                FileIo.fsync(parent);
            } catch (IOException | RuntimeException e) {
                FileIo.deleteRecursively(tmp);
                throw e;
            }
            return open(target);
        }

        private void writeFiles(Path tmp) throws IOException {
            DecoderNet net = (DecoderNet) model;
            boolean hf = model instanceof HfCausalLm;
            if (model instanceof HfCausalLm h) {
                if (h.loraConfig().isPresent() && loraBase == null) {
                    throw new IllegalStateException("an HfCausalLm with LoRA adapters needs loraBase(dir): the model"
                            + " directory the adapters adapt, which a resumed run loads");
                }
                HfVersionFiles.writeModel(tmp, h);
            } else {
                CausalLm gpt = (CausalLm) model;
                gpt.saveParameters(tmp.resolve(PARAMETERS));
                JSON.writeValue(tmp.resolve(CONFIG).toFile(), gpt.config());
            }
            if (net.loraConfig().isPresent()) {
                JSON.writeValue(tmp.resolve(LORA).toFile(), net.loraConfig().get());
            }
            ObjectNode s = JSON.createObjectNode();
            if (hf && net.loraConfig().isPresent()) {
                s.put(HfVersionFiles.LORA_BASE, loraBase.toString());
            }
            long savedStep = step != null ? step : trainer != null ? trainer.completedSteps() : 0;
            s.put("step", savedStep);
            s.set("offsets", JSON.valueToTree(offsets));
            s.put("parentVersion", parentVersion);
            s.set("dataStats", JSON.valueToTree(dataStats));
            s.set("metrics", JSON.valueToTree(metrics));
            s.set("extra", JSON.valueToTree(extraJson));
            s.put("createdAt", Instant.now().toString());
            s.put("parameterCount", model.parameterCount());
            if (trainer != null) {
                Path optimizerFile = HfVersionFiles.optimizerFile(tmp, hf);
                Files.createDirectories(optimizerFile.getParent());
                trainer.optimizer().saveMoments(optimizerFile);
                s.put("optimizerStep", trainer.optimizer().step());
                s.set("optimizer", JSON.valueToTree(trainer.optimizer().config()));
                s.set("schedule", JSON.valueToTree(trainer.schedule()));
            }
            JSON.writeValue(tmp.resolve(STATE).toFile(), s);
            if (!tokenizerFiles.isEmpty()) {
                // A Hugging Face directory keeps tokenizer.json and its settings beside config.json.
                Path tokDir = hf ? tmp : Files.createDirectory(tmp.resolve(TOKENIZER_DIR));
                for (Path f : tokenizerFiles) {
                    Path copy = tokDir.resolve(f.getFileName().toString());
                    if (Files.exists(copy)) {
                        throw new IllegalArgumentException("two tokenizer files are named " + f.getFileName()
                                + "; pass files with distinct names");
                    }
                    Files.copy(f, copy);
                }
            }
            if (!extraFiles.isEmpty()) {
                Path extraDir = Files.createDirectory(tmp.resolve(EXTRA_DIR));
                for (Map.Entry<String, Path> e : extraFiles.entrySet()) {
                    Files.copy(e.getValue(), extraDir.resolve(e.getKey()));
                }
            }
        }

        private static void writeManifest(Path tmp) throws IOException {
            ObjectNode files = JSON.createObjectNode();
            List<Path> all;
            try (Stream<Path> walk = Files.walk(tmp)) {
                all = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : all) {
                FileIo.fsync(f);
                ObjectNode entry = files.putObject(tmp.relativize(f).toString().replace('\\', '/'));
                entry.put("bytes", Files.size(f));
                entry.put("sha256", FileIo.sha256(f));
            }
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("formatVersion", FORMAT_VERSION);
            manifest.put("createdAt", Instant.now().toString());
            manifest.set("files", files);
            Path manifestFile = tmp.resolve(MANIFEST);
            JSON.writeValue(manifestFile.toFile(), manifest);
            FileIo.fsync(manifestFile);
        }
    }
}
