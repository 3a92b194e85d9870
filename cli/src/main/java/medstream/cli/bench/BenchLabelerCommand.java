package medstream.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import medstream.cli.LabelerDefaults;
import medstream.experiments.ScratchDirs;
import medstream.contracts.LabelRequest;
import medstream.experiments.bench.labeler.BenchModels;
import medstream.experiments.bench.labeler.LabelerBenchmark;
import medstream.experiments.bench.labeler.WeakOverheadBenchmark;
import medstream.labeler.LabelerConfig;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.offline.PubMedQaFile;
import medstream.labeler.service.WorkerDevices;
import medstream.topics.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code ./medstream bench labeler}: {@link LabelerBenchmark} on a model directory, or on an untrained lm preset
 * built for the run ({@link BenchModels}): the same requests labeled one at a time without the KV cache and in
 * micro-batches with it.
 */
@Command(name = "labeler", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Labeler throughput: the same requests, model and strategy, one at a time without the KV cache "
                + "(sequential_rps) and batched with the cache and shared prefix (batched_rps); ratio = batched / sequential.",
                "Without --model, an untrained lm preset with a BPE tokenizer trained on PQA-L is built in a temp directory."})
public final class BenchLabelerCommand implements Callable<Integer> {
    static final List<String> STRATEGIES = List.of("voc", "ppl", "weak");
    private static final String NUM_THREADS = "ai.djl.pytorch.num_threads";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchOptions common;

    @Option(names = "--model", paramLabel = "DIR", description = "Model checkpoint directory (default: build an untrained --preset model).")
    Path model;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small",
            description = "lm preset of the model built when --model is not given: tiny, small, base, large (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--input", paramLabel = "FILE",
            description = "PubMedQA-format JSON file of requests (default: <data>/pubmedqa-pqal/pqal_test_unlabeled.json).")
    Path input;

    @Option(names = "--n", paramLabel = "N", defaultValue = "8", description = "Requests (the first N of the file; default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--strategy", paramLabel = "voc|ppl|weak", defaultValue = "voc",
            description = {"Labeling strategy (default: ${DEFAULT-VALUE}: generation is where the KV cache and shared prefix pay).",
                    "weak compares instead, both batched: weak (rules + model voters + label model) against the ensemble of the same "
                            + "model voters (ratio = weak_rps / ensemble_rps), and times weak's one-off fit per model version."})
    String strategy;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8", description = "Micro-batch size of the batched path (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmups", paramLabel = "W", defaultValue = "1",
            description = "Untimed passes of each path over all requests before the timed rounds (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Alternating timed rounds per path; the figures are the medians (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = {"libtorch intra-op threads (default: ${DEFAULT-VALUE}; -Dai.djl.pytorch.num_threads wins).",
                    "One thread keeps the ratio independent of how many cores other processes leave free: with two on a "
                            + "busy 2-core machine, the batched path's many small ops each wait at an OpenMP barrier for a "
                            + "descheduled sibling, and its rounds vary 5x while the sequential path's large ops barely notice."})
    int threads;

    @Override
    public Integer call() throws Exception {
        validate();
        // Read once, when the engine starts (the model built or loaded below is its first use in this process).
        if (System.getProperty(NUM_THREADS) == null) System.setProperty(NUM_THREADS, Integer.toString(threads));
        Path data = model == null || input == null || strategy.equals("weak") ? common.dataDir(spec.commandLine()) : null;
        Path requests = input != null ? input : data.resolve("pubmedqa-pqal").resolve("pqal_test_unlabeled.json");
        if (!Files.isRegularFile(requests)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No request file " + requests + ": pass --input FILE (PubMedQA-format JSON)");
        }
        Map<String, Object> result = BenchOutput.withStdoutOnStderr(() -> run(data, requests));
        BenchOutput.print(result, common.json, System.out);
        return 0;
    }

    void validate() {
        CommandLine cli = spec.commandLine();
        if (!STRATEGIES.contains(strategy)) {
            throw new CommandLine.ParameterException(cli, "--strategy '" + strategy + "': the benchmark compares voc, ppl or weak");
        }
        if (!List.of("tiny", "small", "base", "large").contains(preset)) {
            throw new CommandLine.ParameterException(cli, "--preset '" + preset + "': expected tiny, small, base or large");
        }
        BenchOptions.atLeast(cli, "--n", n, 1);
        BenchOptions.atLeast(cli, "--batch", batch, 1);
        BenchOptions.atLeast(cli, "--warmups", warmups, 0);
        BenchOptions.atLeast(cli, "--threads", threads, 1);
        BenchOptions.atLeast(cli, "--rounds", rounds, 1);
        if (model != null && !Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(cli, "--model " + model + " is not a directory: give a checkpoint directory");
        }
    }

    /** Weak against its model voters alone, with the labeler defaults of the loop (gold and folds under {@code data}). */
    private Map<String, Object> weak(Path checkpoint, Path data, Path requestFile, Consumer<String> progress) {
        Settings settings = LabelerDefaults.weakByDefault(Settings.load(null), data).override(LabelerConfig.MAX_BATCH, batch);
        LabelerConfig config = LabelerConfig.from(settings).withStrategy("weak");
        List<LabelRequest> requests = PubMedQaFile.read(requestFile).stream().limit(n).map(PubMedQaFile.Item::request).toList();
        try (LabelingModel m = DjlLabelingModel.load(checkpoint, null, WorkerDevices.resolve(config.devices()).get(0))) {
            return WeakOverheadBenchmark.run(m, config, requests, warmups, rounds, progress).toMap();
        }
    }

    private Map<String, Object> run(Path data, Path requests) {
        Path scratch = null;
        try {
            Path checkpoint = model;
            String modelName = model == null ? null : model.toString();
            if (checkpoint == null) {
                scratch = Files.createTempDirectory("medstream-bench-labeler");
                long t0 = System.nanoTime();
                System.err.println("[bench labeler] building an untrained '" + preset + "' model (BPE " + BenchModels.VOCAB
                        + " on PQA-L trainval) in " + scratch + " ...");
                checkpoint = BenchModels.labelerCheckpoint(data.resolve("pubmedqa-pqal").resolve("pqal_trainval.json"), preset, scratch);
                System.err.printf(Locale.ROOT, "[bench labeler] model ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
                modelName = "untrained lm preset " + preset + ", BPE " + BenchModels.VOCAB;
            }
            System.err.printf(Locale.ROOT, "[bench labeler] %s, %d requests, batch %d, %d warm-up(s) and %d timed round(s) per path ...%n",
                    strategy, n, batch, warmups, rounds);
            Consumer<String> progress = line -> System.err.println("[bench labeler] " + line);
            Map<String, Object> out = new LinkedHashMap<>(strategy.equals("weak") ? weak(checkpoint, data, requests, progress)
                    : LabelerBenchmark.run(checkpoint, requests, n, strategy, batch, warmups, rounds, progress).toMap());
            out.put("model", modelName);
            out.put("threads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a scratch directory for the benchmark model", e);
        } finally {
            ScratchDirs.deleteQuietly(scratch);
        }
    }
}
