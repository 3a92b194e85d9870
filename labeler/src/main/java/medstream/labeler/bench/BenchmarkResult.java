package medstream.labeler.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sequential (one request at a time, no cache) against batched (micro-batches, shared prefix, cache) labeling
 * of the same requests by the same model and strategy.
 *
 * @param strategy             strategy name
 * @param requests             requests labeled by each path
 * @param batchSize            micro-batch size of the batched path
 * @param sequentialSeconds    wall time of the sequential path
 * @param batchedSeconds       wall time of the batched path
 * @param tokens               logical tokens of the work (the same for both paths)
 * @param sameLabels           requests whose label both paths agree on
 * @param labeled              requests the batched path labeled (the rest were rejected, e.g. context over the window)
 * @param device               device of the model
 * @param modelVersion         model version
 */
public record BenchmarkResult(String strategy, int requests, int batchSize, double sequentialSeconds, double batchedSeconds,
                              long tokens, int sameLabels, int labeled, String device, String modelVersion) {

    /** Requests per second, one at a time without cache. */
    public double sequentialRps() { return requests / sequentialSeconds; }
    /** Requests per second, batched with cache and shared prefix. */
    public double batchedRps() { return requests / batchedSeconds; }
    /** batched_rps / sequential_rps. */
    public double ratio() { return batchedRps() / sequentialRps(); }
    /** Logical tokens per second of the sequential path. */
    public double sequentialTokensPerSecond() { return tokens / sequentialSeconds; }
    /** Logical tokens per second of the batched path. */
    public double batchedTokensPerSecond() { return tokens / batchedSeconds; }

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
        return m;
    }
}
