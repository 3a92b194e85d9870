package medstream.labeler.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.offline.PubMedQaFile;
import medstream.labeler.service.WorkerDevices;
import medstream.topics.config.Settings;

/**
 * {@code ./medstream bench labeler --json}: the same requests, model and strategy code, (a) one request at a
 * time through the reference paths (no shared prefix, no key/value cache), (b) in micro-batches through the
 * serving paths (shared prefix computed once per prompt, cached generation). Both run the
 * {@link LabelingPipeline}; the ratio of their request rates is the figure the issue targets (>= 5 on CPU).
 * One warm-up request runs first on each path so neither pays the native library's first-call costs.
 */
public final class LabelerBenchmark {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabelerBenchmark.class);
    private LabelerBenchmark() {}

    /**
     * Loads a model directory and benchmarks on the first {@code n} items of a PubMedQA-format file.
     *
     * @param strategy   strategy name, or null for the configured one
     * @param batchSize  micro-batch size of the batched path, or 0 for the configured one
     * @param rounds     alternating rounds per path; the fastest of each is kept
     */
    public static BenchmarkResult run(Path modelDir, Path input, int n, String strategy, int batchSize, int rounds) {
        LabelerConfig config = LabelerConfig.from(Settings.load(null));
        if (strategy != null) config = config.withStrategy(strategy);
        if (batchSize > 0) config = withBatchSize(config, batchSize);
        List<LabelRequest> requests = PubMedQaFile.read(input).stream().limit(n).map(PubMedQaFile.Item::request).toList();
        String device = WorkerDevices.resolve(config.devices()).get(0);
        try (LabelingModel model = DjlLabelingModel.load(modelDir, null, device)) {
            return run(model, config, requests, rounds);
        }
    }

    /** Benchmarks a loaded model (the caller closes it), one round per path. */
    public static BenchmarkResult run(LabelingModel model, LabelerConfig config, List<LabelRequest> requests) {
        return run(model, config, requests, 1);
    }

    /**
     * Benchmarks a loaded model (the caller closes it). The two paths alternate for {@code rounds} rounds and the
     * fastest round of each is kept, so a burst of load from other processes does not decide the ratio.
     */
    public static BenchmarkResult run(LabelingModel model, LabelerConfig config, List<LabelRequest> requests, int rounds) {
        if (requests.isEmpty()) throw new IllegalArgumentException("the benchmark needs at least one request");
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        LabelingPipeline pipeline = new LabelingPipeline(config);
        CountingModel reference = CountingModel.reference(model);
        CountingModel serving = CountingModel.serving(model);
        pipeline.label(requests.subList(0, 1), reference);
        pipeline.label(requests.subList(0, 1), serving);

        double sequentialSeconds = Double.MAX_VALUE;
        double batchedSeconds = Double.MAX_VALUE;
        List<LabelingOutcome> sequential = new ArrayList<>();
        List<LabelingOutcome> batched = new ArrayList<>();
        long tokens = 0;
        for (int round = 0; round < rounds; round++) {
            sequential.clear();
            long t0 = System.nanoTime();
            for (LabelRequest r : requests) sequential.addAll(pipeline.label(List.of(r), reference));
            sequentialSeconds = Math.min(sequentialSeconds, (System.nanoTime() - t0) / 1e9);

            batched.clear();
            long before = serving.tokens();
            long t1 = System.nanoTime();
            for (int from = 0; from < requests.size(); from += config.maxBatchSize()) {
                batched.addAll(pipeline.label(requests.subList(from, Math.min(requests.size(), from + config.maxBatchSize())), serving));
            }
            batchedSeconds = Math.min(batchedSeconds, (System.nanoTime() - t1) / 1e9);
            // Both paths ask for the same work; generated lengths may differ slightly, so the batched count is reported.
            tokens = serving.tokens() - before;
        }

        int labeled = (int) batched.stream().filter(o -> o instanceof LabelingOutcome.Labeled).count();
        batched.stream().filter(o -> o instanceof LabelingOutcome.Rejected).findFirst()
                .ifPresent(o -> LOG.warn("benchmark: {} of {} requests rejected, e.g. {}", requests.size() - labeled, requests.size(), o));
        int same = 0;
        for (int i = 0; i < requests.size(); i++) if (label(sequential.get(i)).equals(label(batched.get(i)))) same++;
        return new BenchmarkResult(pipeline.strategyName(), requests.size(), config.maxBatchSize(), sequentialSeconds, batchedSeconds,
                tokens, same, labeled, model.device(), model.version());
    }

    private static String label(LabelingOutcome o) {
        return o instanceof LabelingOutcome.Labeled l ? l.result().getLabel() : "rejected:" + ((LabelingOutcome.Rejected) o).code();
    }

    static LabelerConfig withBatchSize(LabelerConfig c, int batchSize) {
        return new LabelerConfig(c.strategy(), c.threshold(), batchSize, c.maxWaitMs(), c.pollMs(), c.contextOverflow(), c.badInput(),
                c.stage(), c.modelDir(), c.modelVersion(), c.devices(), c.groupId(), c.instanceId(), c.promptVersion(),
                c.explanationTokens(), c.explanationChars(), c.judgeMode(), c.judgeWeight(), c.ensembleMembers(),
                c.selfConsistencySamples(), c.temperature(), c.seed(), c.backend(), c.openai(), c.weak());
    }
}
