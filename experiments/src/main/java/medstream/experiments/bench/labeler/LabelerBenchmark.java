package medstream.experiments.bench.labeler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * {@link LabelingPipeline}; the ratio of their median request rates is the figure the issue targets (>= 5 on CPU).
 * Untimed warm-up passes over all the requests come first, so the batched path has met its batch shapes and neither
 * pays the native library's first-call costs inside a timed round.
 */
public final class LabelerBenchmark {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabelerBenchmark.class);
    private LabelerBenchmark() {}

    /**
     * Loads a model directory and benchmarks on the first {@code n} items of a PubMedQA-format file.
     *
     * @param strategy   strategy name, or null for the configured one
     * @param batchSize  micro-batch size of the batched path, or 0 for the configured one
     * @param warmups    untimed passes of each path over all requests before the timed rounds
     * @param rounds     alternating timed rounds per path; the medians are the figures
     * @param progress   where a line per round goes, or null
     */
    public static BenchmarkResult run(Path modelDir, Path input, int n, String strategy, int batchSize, int warmups,
                                      int rounds, Consumer<String> progress) {
        LabelerConfig config = LabelerConfig.from(Settings.load(null));
        if (strategy != null) config = config.withStrategy(strategy);
        if (batchSize > 0) config = withBatchSize(config, batchSize);
        List<LabelRequest> requests = PubMedQaFile.read(input).stream().limit(n).map(PubMedQaFile.Item::request).toList();
        String device = WorkerDevices.resolve(config.devices()).get(0);
        try (LabelingModel model = DjlLabelingModel.load(modelDir, null, device)) {
            return run(model, config, requests, warmups, rounds, progress);
        }
    }

    /** Benchmarks a loaded model (the caller closes it): one warm-up pass and one timed round per path. */
    public static BenchmarkResult run(LabelingModel model, LabelerConfig config, List<LabelRequest> requests) {
        return run(model, config, requests, 1, 1, null);
    }

    /**
     * Benchmarks a loaded model (the caller closes it). Each path first labels every request {@code warmups} times
     * untimed, then the two alternate for {@code rounds} timed rounds ({@link AlternatingRounds}); the result holds
     * every round, and its figures are the medians.
     *
     * @param progress where a line per round goes, or null
     */
    public static BenchmarkResult run(LabelingModel model, LabelerConfig config, List<LabelRequest> requests, int warmups,
                                      int rounds, Consumer<String> progress) {
        if (requests.isEmpty()) throw new IllegalArgumentException("the benchmark needs at least one request");
        LabelingPipeline pipeline = new LabelingPipeline(config);
        CountingModel reference = CountingModel.reference(model);
        CountingModel serving = CountingModel.serving(model);
        int batch = config.maxBatchSize();
        Supplier<List<LabelingOutcome>> sequential = () -> {
            List<LabelingOutcome> out = new ArrayList<>();
            for (LabelRequest r : requests) out.addAll(pipeline.label(List.of(r), reference));
            return out;
        };
        Supplier<List<LabelingOutcome>> batched = inBatches(pipeline, requests, batch, serving);
        List<AlternatingRounds.Timed<List<LabelingOutcome>>> timed = AlternatingRounds.time(List.of(sequential, batched),
                List.of("sequential", "batched"), warmups, rounds, progress);
        // Both paths ask for the same work; generated lengths may differ slightly, so the batched count is reported.
        long tokens = serving.tokens() / (warmups + rounds);
        List<LabelingOutcome> seq = timed.get(0).last();
        List<LabelingOutcome> bat = timed.get(1).last();

        int labeled = (int) bat.stream().filter(o -> o instanceof LabelingOutcome.Labeled).count();
        bat.stream().filter(o -> o instanceof LabelingOutcome.Rejected).findFirst()
                .ifPresent(o -> LOG.warn("benchmark: {} of {} requests rejected, e.g. {}", requests.size() - labeled, requests.size(), o));
        int same = 0;
        for (int i = 0; i < requests.size(); i++) if (label(seq.get(i)).equals(label(bat.get(i)))) same++;
        return new BenchmarkResult(pipeline.strategyName(), requests.size(), batch, timed.get(0).stats(), timed.get(1).stats(),
                tokens, same, labeled, model.device(), model.version(), warmups);
    }

    /** A pass of {@code pipeline} over {@code requests} in micro-batches of {@code batch}, as the service labels. */
    static Supplier<List<LabelingOutcome>> inBatches(LabelingPipeline pipeline, List<LabelRequest> requests, int batch,
                                                     LabelingModel model) {
        return () -> {
            List<LabelingOutcome> out = new ArrayList<>();
            for (int from = 0; from < requests.size(); from += batch) {
                out.addAll(pipeline.label(requests.subList(from, Math.min(requests.size(), from + batch)), model));
            }
            return out;
        };
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
