package medstream.experiments.bench.labeler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sequential (one request at a time, no cache) against batched (micro-batches, shared prefix, cache) labeling
 * of the same requests by the same model and strategy, timed in alternating rounds.
 *
 * @param strategy             strategy name
 * @param requests             requests labeled by each path per round
 * @param batchSize            micro-batch size of the batched path
 * @param sequential           the sequential path's timed rounds
 * @param batched              the batched path's timed rounds
 * @param tokens               logical tokens of one pass (the same work for both paths)
 * @param sameLabels           requests whose label both paths agree on
 * @param labeled              requests the batched path labeled (the rest were rejected, e.g. context over the window)
 * @param device               device of the model
 * @param modelVersion         model version
 * @param warmups              untimed passes of each path before the timed rounds
 */
public record BenchmarkResult(String strategy, int requests, int batchSize, PathStats sequential, PathStats batched,
                              long tokens, int sameLabels, int labeled, String device, String modelVersion, int warmups) {

    /** Median seconds of a sequential round. */
    public double sequentialSeconds() { return sequential.median(); }
    /** Median seconds of a batched round. */
    public double batchedSeconds() { return batched.median(); }
    /** Requests per second, one at a time without cache (median round). */
    public double sequentialRps() { return requests / sequentialSeconds(); }
    /** Requests per second, batched with cache and shared prefix (median round). */
    public double batchedRps() { return requests / batchedSeconds(); }
    /** batched_rps / sequential_rps: the ratio of the medians. */
    public double ratio() { return batchedRps() / sequentialRps(); }
    /** Logical tokens per second of the sequential path. */
    public double sequentialTokensPerSecond() { return tokens / sequentialSeconds(); }
    /** Logical tokens per second of the batched path. */
    public double batchedTokensPerSecond() { return tokens / batchedSeconds(); }

    /** What {@code ./medstream bench labeler --json} prints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequential_rps", sequentialRps());
        m.put("batched_rps", batchedRps());
        m.put("ratio", ratio());
        m.put("sequential_tokens_per_s", sequentialTokensPerSecond());
        m.put("batched_tokens_per_s", batchedTokensPerSecond());
        m.put("tokens_per_s", batchedTokensPerSecond());
        m.put("requests", requests);
        m.put("batch_size", batchSize);
        m.put("strategy", strategy);
        m.put("same_labels", sameLabels);
        m.put("labeled", labeled);
        m.put("device", device);
        m.put("model_version", modelVersion);
        m.put("warmups", warmups);
        m.put("rounds", sequential.seconds().size());
        m.put("sequential", sequential.toMap(requests));
        m.put("batched", batched.toMap(requests));
        return m;
    }
}
