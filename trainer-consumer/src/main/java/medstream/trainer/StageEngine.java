package medstream.trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import medstream.contracts.ModelVersion;
import medstream.contracts.OffsetRange;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.hf.ChatFormat;
import medstream.lm.hf.HfDirectory;
import medstream.lm.model.DecoderNet;
import medstream.lm.plot.LossCurves;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.lm.train.StepResult;
import medstream.lm.train.TrainBatch;
import medstream.trainer.checkpoint.VersionStore;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.format.Batches;
import medstream.trainer.format.Example;
import medstream.trainer.format.Packing;
import medstream.trainer.replay.ReplayReservoir;
import medstream.trainer.replay.RoundComposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model side of a stage trainer, without Kafka: the model, optimizer and tokenizer ({@link StageModel}), replay
 * reservoir, lineage and consumed offsets; it trains a round and writes it as a checkpoint. {@link StageTrainer} feeds
 * it from the topic; the trainer benchmark ({@code bench trainer}, in the experiments module) feeds it from memory. An
 * engine opened with {@link #openFromParent} reads no topic at all: it starts from the directory it is given and its
 * versions hold no offsets (the experiments' API, {@link medstream.trainer.api}).
 *
 * <p>The model is medstream's GPT trained from scratch, or a Qwen2 / Llama decoder continued from the Hugging Face
 * directory {@link TrainingHyperparameters#base()} with its tokenizer and chat template; then every version is a
 * Hugging Face directory too (see {@link Checkpoint}), and a LoRA stage trains adapters over the weights it started
 * from (the base, or the previous stage's version), which its checkpoints name so a resumed run finds them.
 *
 * <p>Not thread-safe: one thread at a time (the training thread), except {@link #nextOffset(int)}, which
 * the consumer thread reads while a round trains.
 *
 * @param <V> record type of the stage
 */
public final class StageEngine<V> implements AutoCloseable {

    /** Name of the reservoir file inside checkpoints. */
    public static final String RESERVOIR_FILE = "reservoir.bin";
    /** Name of the tokenizer file inside checkpoints. */
    public static final String TOKENIZER_FILE = "tokenizer.json";
    /**
     * What an engine without a topic ({@link #openFromParent}) counts its records and tokens per partition under, in
     * the checkpoint's statistics; it stores no offsets.
     */
    public static final String MEMORY_SOURCE = "memory";
    /** Name of the trainer state inside checkpoints' extra JSON. */
    public static final String STATE_KEY = "trainer";
    /** The version's {@code model.versions} record in the checkpoint (Avro single-object encoding). */
    public static final String VERSION_RECORD_FILE = "model-version.avro";

    private static final Logger LOG = LoggerFactory.getLogger(StageEngine.class);
    private static final int FINAL_LOSS_WINDOW = 10;

    private final StageSpec<V> spec;
    private final TrainingHyperparameters hyper;
    private final StageConfig config;
    private final VersionStore store;
    private final VersionStore parentStore;
    private final String topicName;
    private final TrainerListener listener;
    private final PrintStream progressOut;
    private final Path workDir;
    private final Map<Integer, Long> nextOffsets = new ConcurrentHashMap<>();

    /** Null while stage 1 waits for the records its tokenizer is trained on. */
    private StageModel<V> model;
    private ReplayReservoir reservoir;
    private TrainerState state;
    private String lastVersion;
    private ModelVersion resumedRecord;
    private Checkpoint rebaseTo;

    /** {@code parentStore} and {@code topicName} are null for an engine opened from an explicit parent. */
    private StageEngine(StageSpec<V> spec, TrainingHyperparameters hyper, Path root, VersionStore parentStore,
            String topicName, TrainerListener listener, PrintStream progressOut) {
        this.spec = spec;
        this.hyper = hyper;
        this.config = hyper.stage(spec.stage());
        this.store = new VersionStore(root, spec.stage());
        this.parentStore = parentStore;
        this.topicName = topicName;
        this.listener = listener;
        this.progressOut = progressOut;
        try {
            this.workDir = Files.createTempDirectory("medstream-trainer-s" + spec.stage() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for the trainer", e);
        }
        this.reservoir = new ReplayReservoir(config.reservoirCapacity(), hyper.seed() + spec.stage());
    }

    /**
     * Opens a stage: resumes its newest readable checkpoint (logging any damaged newer one), else starts
     * from the previous stage's newest version, else (stage 1) from scratch once a tokenizer exists.
     *
     * @param spec the stage
     * @param hyper hyperparameters
     * @param root checkpoint root (one directory per stage)
     * @param topicName full name of the input topic (offset keys are "topic-partition")
     * @param listener observer
     * @param progressOut where progress lines go (stderr)
     * @param initialTokenizer stage 1 only: a tokenizer to use instead of training one on the first records
     * @param <V> record type
     * @return the engine
     */
    public static <V> StageEngine<V> open(StageSpec<V> spec, TrainingHyperparameters hyper, Path root, String topicName,
            TrainerListener listener, PrintStream progressOut, BpeTokenizer initialTokenizer) {
        VersionStore parents = spec.stage() > 1 ? VersionStore.readOnly(root, spec.stage() - 1) : null;
        StageEngine<V> engine = new StageEngine<>(spec, hyper, root, parents, topicName, listener, progressOut);
        try {
            Optional<Checkpoint> own = engine.store.latestValid();
            if (own.isPresent()) {
                engine.resume(own.get());
            } else if (spec.stage() > 1) {
                Checkpoint parent = engine.parentStore.latestValid().orElseThrow(() -> new IllegalStateException(
                        "stage " + spec.stage() + " starts from the newest stage-" + (spec.stage() - 1) + " version, but "
                                + engine.parentStore.dir() + " holds none; train stage " + (spec.stage() - 1) + " first"));
                engine.startFromParent(parent);
                engine.state = TrainerState.fresh(parent.version());
            } else if (hyper.base() != null) {
                engine.model = StageModel.fromBase(hyper.base(), spec, hyper, engine.workDir);
                engine.state = TrainerState.fresh(null);
            } else {
                engine.state = TrainerState.fresh(null);
                if (initialTokenizer != null) {
                    engine.model = StageModel.fresh(initialTokenizer, spec, hyper, engine.workDir);
                }
            }
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Opens a stage on an explicit parent, without Kafka, for experiments that train from memory: the model and
     * tokenizer of {@code parent}, whatever {@code root} holds. Its rounds take {@link RoundInput#inMemory} input; its
     * versions go to {@code root/stage<N>} (numbered after any there), hold no offsets and name no topic. It never
     * resumes and never re-adapts to a newer parent ({@link #checkParent()} is false).
     *
     * @param spec the stage
     * @param hyper hyperparameters (the stage's schedule, batch and adapters; the preset's context for a Hugging Face
     *     parent's rows)
     * @param parent a checkpoint (its weights with any adapters merged, as a stage starts from its parent stage) or a
     *     Hugging Face model directory (its weights, tokenizer and chat template)
     * @param root where the versions go
     * @param listener observer
     * @param progressOut where progress lines go
     * @param <V> record type
     * @return the engine
     */
    public static <V> StageEngine<V> openFromParent(StageSpec<V> spec, TrainingHyperparameters hyper, Path parent,
            Path root, TrainerListener listener, PrintStream progressOut) {
        StageEngine<V> engine = new StageEngine<>(spec, hyper, root, null, null, listener, progressOut);
        try {
            if (Files.isRegularFile(parent.resolve(Checkpoint.MANIFEST))) {
                Checkpoint c = Checkpoint.open(parent);
                engine.startFromParent(c);
                engine.state = TrainerState.fresh(c.version());
            } else if (HfDirectory.looksLikeOne(parent)) {
                engine.model = StageModel.fromBase(parent, spec, hyper, engine.workDir);
                engine.state = TrainerState.fresh(null);
            } else {
                throw new IllegalArgumentException(parent + " holds neither a checkpoint (" + Checkpoint.MANIFEST
                        + ") nor a Hugging Face model (config.json with a model_type); give a version directory or a"
                        + " model directory");
            }
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private void resume(Checkpoint c) {
        LOG.info("stage {}: resuming from {} (step {}, offsets {})", spec.stage(), c.version(), c.step(), c.offsets());
        model = StageModel.resumed(c, spec, hyper, workDir);
        state = c.extraJson(STATE_KEY, TrainerState.class).orElseThrow(() -> new IllegalStateException("checkpoint "
                + c.dir() + " has no trainer state; it was not written by the stage trainer"));
        Optional<Path> res = c.extraFile(RESERVOIR_FILE);
        if (res.isPresent()) {
            try {
                reservoir = ReplayReservoir.load(res.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the replay reservoir of " + c.dir(), e);
            }
        }
        String prefix = topicName + "-";
        c.offsets().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                nextOffsets.put(Integer.parseInt(k.substring(prefix.length())), v);
            }
        });
        lastVersion = c.version();
        resumedRecord = readVersionRecord(c);
    }

    private static ModelVersion readVersionRecord(Checkpoint c) {
        Optional<Path> file = c.extraFile(VERSION_RECORD_FILE);
        if (file.isEmpty()) {
            return null; // written before checkpoints kept their record
        }
        try {
            return ModelVersion.getDecoder().decode(Files.readAllBytes(file.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model.versions record of " + c.dir()
                    + "; the checkpoint is damaged, delete it to resume from the previous one", e);
        }
    }

    /** Opening on the parent stage and re-adapting to a newer parent version: the next version names it as parent. */
    private void startFromParent(Checkpoint parent) {
        model = StageModel.fromParent(parent, spec, hyper, workDir);
        lastVersion = parent.version();
    }

    /** True while stage 1 waits for the records its tokenizer is trained on. */
    public boolean needsTokenizer() {
        return model == null;
    }

    /**
     * Trains the stage-1 tokenizer on texts (the first records of the topic) and creates the model.
     *
     * @param texts training texts, in partition/offset order
     */
    public void trainTokenizer(List<String> texts) {
        model = StageModel.fresh(StageModel.trainTokenizer(texts, spec.stage(), hyper), spec, hyper, workDir);
    }

    /** The text a record contributes to tokenizer training. */
    public String tokenizerText(V record) {
        return spec.tokenizerText().apply(record);
    }

    /**
     * Formats a record.
     *
     * @throws medstream.trainer.format.UnformattableRecordException when it cannot be used
     */
    public Example format(V record) {
        return model.format(record);
    }

    /** The next offset to consume of a partition, as of the last checkpoint (null when none). */
    public Long nextOffset(int partition) {
        return nextOffsets.get(partition);
    }

    /**
     * The {@code model.versions} record of this stage's checkpoint the engine resumed from; empty when it started
     * from the parent stage or from scratch, or resumed a checkpoint written before checkpoints kept their record.
     */
    public Optional<ModelVersion> resumedRecord() {
        return Optional.ofNullable(resumedRecord);
    }

    /** The stage. */
    public int stage() {
        return spec.stage();
    }

    /** The model (owned by the engine); null while stage 1 waits for its tokenizer. */
    public DecoderNet model() {
        return model == null ? null : model.net();
    }

    /** The tokenizer; null while stage 1 waits for the records it is trained on. */
    public TextTokenizer tokenizer() {
        return model == null ? null : model.tokenizer();
    }

    /** How the model is prompted: its tokenizer and chat template shape (PLAIN for the project's GPT). */
    public PromptEncoder prompts() {
        return model == null ? new PromptEncoder(null, ChatFormat.PLAIN) : model.prompts();
    }

    /** The trainer state as of the last round. */
    public TrainerState state() {
        return state;
    }

    /** The newest version this engine wrote or resumed from (or its parent when it has none yet). */
    public String lastVersion() {
        return lastVersion;
    }

    /** The checkpoint store of this stage. */
    public VersionStore store() {
        return store;
    }

    /**
     * Looks for a newer version of the previous stage than the one this stage is trained on; when there is
     * one, the next round re-adapts on top of it.
     *
     * @return true when a re-adaptation is pending
     */
    public boolean checkParent() {
        if (parentStore == null || rebaseTo != null) {
            return rebaseTo != null;
        }
        List<Path> versions = parentStore.versionsNewestFirst();
        if (versions.isEmpty() || versions.get(0).getFileName().toString().equals(state.baseVersion())) {
            return false;
        }
        Optional<Checkpoint> parent = parentStore.latestValid();
        if (parent.isPresent() && !parent.get().version().equals(state.baseVersion())) {
            LOG.info("stage {}: new stage-{} version {} (was {}); the next round re-adapts on top of it",
                    spec.stage(), spec.stage() - 1, parent.get().version(), state.baseVersion());
            rebaseTo = parent.get();
        }
        return rebaseTo != null;
    }

    /**
     * Trains one round: pack (stage 1), compose with replay, step through the batches, then checkpoint.
     * Checks for interruption before every step and before the checkpoint.
     *
     * @param input the round's new data
     * @return the round's version and figures
     * @throws RoundAbortedException when the thread was interrupted (nothing is written then)
     */
    public RoundResult trainRound(RoundInput input) throws IOException {
        if (topicName == null && !input.ranges().isEmpty()) {
            throw new IllegalArgumentException("this engine reads no topic (opened from a parent directory), so it keeps"
                    + " no offsets; give it RoundInput.inMemory(...) rows, not offset ranges " + input.ranges().keySet());
        }
        boolean rebase = rebaseTo != null;
        if (rebase) {
            rebase(rebaseTo);
        }
        List<Example> newRows = spec.stage() == 1
                ? Packing.pack(input.formatted(), model.context(), model.tokenizer().padId()) : input.formatted();
        RoundComposer.Composition round = RoundComposer.compose(newRows, reservoir, config.replayFraction(), rebase,
                hyper.seed() + spec.stage(), state.round());
        Steps steps = train(round);
        checkInterrupted("before the checkpoint of round " + state.round());
        TrainerState next = nextState(input, steps);
        Map<String, Double> metrics = measure(input, round, steps);
        Path dir = store.nextVersionDir();
        ModelVersion version = describe(input, dir, next, metrics);
        long c0 = System.nanoTime();
        Checkpoint written = checkpoint(dir, input, next, metrics, version);
        double checkpointSeconds = (System.nanoTime() - c0) / 1e9;
        state = next;
        lastVersion = dir.getFileName().toString();
        input.ranges().forEach((p, r) -> nextOffsets.put(p, r[1]));
        LOG.info("stage {}: {} written in {} s ({} steps, {} new + {} replayed rows, loss {}, reason {})", spec.stage(),
                lastVersion, String.format(java.util.Locale.ROOT, "%.2f", checkpointSeconds), steps.count(),
                round.newRows(), round.replayRows(), steps.finalLoss(), input.reason());
        return new RoundResult(version, written.dir(), steps.count(), round.newRows(),
                round.replayRows(), steps.trainedTokens(), steps.seconds(), checkpointSeconds, steps.finalLoss());
    }

    /** What the optimizer steps of a round did. */
    private record Steps(int count, List<double[]> losses, long trainedTokens, double seconds) {
        /** The mean of the last few losses: one step's loss is too noisy to compare rounds by. */
        double finalLoss() {
            return losses.isEmpty() ? Double.NaN : losses.subList(Math.max(0, losses.size() - FINAL_LOSS_WINDOW),
                    losses.size()).stream().mapToDouble(l -> l[1]).average().orElse(Double.NaN);
        }
    }

    /** Steps through the round's batches, reporting progress; the interruption check is where a crash lands. */
    private Steps train(RoundComposer.Composition round) {
        List<TrainBatch> batches = Batches.of(round.rows(), config.batchSize(), model.tokenizer().padId());
        ProgressLine progress = new ProgressLine(progressOut, spec.stage(), state.round(), batches.size());
        List<double[]> losses = new ArrayList<>();
        long trainedTokens = round.rows().stream().mapToLong(Example::length).sum();
        long t0 = System.nanoTime();
        int step = 0;
        for (TrainBatch batch : batches) {
            checkInterrupted("before step " + (step + 1) + " of round " + state.round());
            if (!(batch.totalWeight() > 0)) {
                continue; // only padding targets: nothing to learn
            }
            StepResult r = model.step(batch);
            step++;
            if (!r.skipped()) {
                losses.add(new double[] {r.step(), r.loss()});
            }
            progress.step(step, r.step(), r.loss(), r.learningRate(), r.tokens());
            listener.onStep(new TrainerListener.StepEvent(spec.stage(), state.round(), step, batches.size(), r.step(),
                    r.loss(), r.tokensPerSecond()));
        }
        return new Steps(step, losses, trainedTokens, (System.nanoTime() - t0) / 1e9);
    }

    private TrainerState nextState(RoundInput input, Steps steps) {
        Map<String, Long> recs = new TreeMap<>();
        input.recordsPerPartition().forEach((p, n) -> recs.put(key(p), n));
        Map<String, Long> toks = new TreeMap<>();
        input.tokensPerPartition().forEach((p, n) -> toks.put(key(p), n));
        return state.after(steps.trainedTokens(), newTokens(input), recs, toks, input.deadLetters(), steps.losses());
    }

    private static long newTokens(RoundInput input) {
        return input.tokensPerPartition().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The round's figures, as the checkpoint and the published version both carry them. */
    private Map<String, Double> measure(RoundInput input, RoundComposer.Composition round, Steps steps) {
        List<double[]> losses = steps.losses();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", steps.finalLoss());
        metrics.put("firstLoss", losses.isEmpty() ? Double.NaN : losses.get(0)[1]);
        metrics.put("steps", (double) steps.count());
        metrics.put("records", (double) input.recordsPerPartition().values().stream().mapToLong(Long::longValue).sum());
        metrics.put("newTokens", (double) newTokens(input));
        metrics.put("newRows", (double) round.newRows());
        metrics.put("replayRows", (double) round.replayRows());
        metrics.put("tokensPerSecond", steps.seconds() > 0 ? steps.trainedTokens() / steps.seconds() : 0);
        metrics.put("learningRate", model.learningRate());
        return finite(metrics);
    }

    /**
     * Writes the version: weights, optimizer, tokenizer, the next offset of every input partition (so a restart
     * resumes exactly after this round), the trainer state, the replay reservoir, the version's record and the loss
     * curve.
     */
    private Checkpoint checkpoint(Path dir, RoundInput input, TrainerState next, Map<String, Double> metrics,
            ModelVersion mv) throws IOException {
        String version = dir.getFileName().toString();
        Map<String, Long> offsets = new TreeMap<>();
        nextOffsets.forEach((p, o) -> offsets.put(key(p), o));
        input.ranges().forEach((p, r) -> offsets.put(key(p), r[1]));
        Path reservoirFile = workDir.resolve(RESERVOIR_FILE);
        reservoir.save(reservoirFile);
        Path recordFile = workDir.resolve(VERSION_RECORD_FILE);
        Files.write(recordFile, ModelVersion.getEncoder().encode(mv).array());
        Path plots = Files.createDirectories(workDir.resolve("plots-" + version));
        LossCurves.write(plots, "loss", "stage " + spec.stage() + " loss up to " + version,
                Map.of("stage " + spec.stage(), next.lossCurve()));
        Checkpoint written = model.checkpointWriter()
                .offsets(offsets).parentVersion(lastVersion).dataStats(next.dataStats()).metrics(metrics)
                .extraJson(STATE_KEY, next).extraJson("stageConfig", describe(config))
                .extraFile(RESERVOIR_FILE, reservoirFile).extraFile(VERSION_RECORD_FILE, recordFile)
                .extraFile("loss.png", plots.resolve("loss.png")).extraFile("loss.svg", plots.resolve("loss.svg"))
                .writeTo(dir);
        LossCurves.write(store.dir().getParent().resolve("plots"), "loss-stage" + spec.stage(),
                "stage " + spec.stage() + " loss", Map.of("stage " + spec.stage(), next.lossCurve()));
        deleteQuietly(plots);
        return written;
    }

    /**
     * The version as the model-versions topic announces it; ranges name only the partitions the round advanced.
     * Built before the checkpoint and kept in it: a trainer killed before publishing it republishes this exact
     * record on its next start (VersionPublication), so the version is never lost and never told twice differently.
     */
    private ModelVersion describe(RoundInput input, Path dir, TrainerState next, Map<String, Double> metrics) {
        List<OffsetRange> ranges = new ArrayList<>();
        input.ranges().forEach((p, r) -> {
            if (r[1] > r[0]) {
                ranges.add(new OffsetRange(topicName, p, r[0], r[1]));
            }
        });
        return ModelVersion.newBuilder().setStage(spec.stage()).setVersion(dir.getFileName().toString())
                .setParent(lastVersion).setCheckpoint(dir.toAbsolutePath().toString()).setOffsetRanges(ranges)
                .setTokensSeen(next.tokensSeen()).setMetrics(metrics).setCreatedAt(Instant.now()).build();
    }

    private void rebase(Checkpoint parent) {
        LOG.info("stage {}: re-adapting on top of {} with replay of {} rows of this stage", spec.stage(),
                parent.version(), reservoir.size());
        closeModel();
        startFromParent(parent);
        state = state.withBase(parent.version());
        rebaseTo = null;
    }

    private String key(int partition) {
        return (topicName != null ? topicName : MEMORY_SOURCE) + "-" + partition;
    }

    private static void checkInterrupted(String where) {
        if (Thread.currentThread().isInterrupted()) {
            throw new RoundAbortedException("round interrupted " + where + "; nothing was checkpointed, the next start"
                    + " resumes from the previous version");
        }
    }

    private static Map<String, Double> finite(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, Object> describe(StageConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peakLr", c.peakLr());
        m.put("schedule", c.scheduleKind().name());
        m.put("minLrRatio", c.minLrRatio());
        m.put("warmupFraction", c.warmupFraction());
        m.put("plannedTokens", c.plannedTokens());
        m.put("weightDecay", c.optimizer().weightDecay());
        m.put("lora", c.lora() == null ? "full fine-tuning" : c.lora().toString());
        m.put("batchSize", c.batchSize());
        m.put("replayFraction", c.replayFraction());
        m.put("reservoirCapacity", c.reservoirCapacity());
        return m;
    }

    private void closeModel() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        closeModel();
        deleteQuietly(workDir);
    }
}
