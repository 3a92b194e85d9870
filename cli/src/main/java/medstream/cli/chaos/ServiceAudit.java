package medstream.cli.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit found for one service: its inputs and where each went, and what went missing or twice.
 *
 * @param inputs distinct input records (keys, or committed offsets for the trainer)
 * @param outputs distinct outputs
 * @param rejects inputs a policy chose not to keep (with a reason)
 * @param deadLetters inputs the service could not process (on the DLQ)
 * @param lost inputs accounted for nowhere
 * @param duplicated outputs written twice (see {@link Auditor} for the rule per service)
 * @param lostSamples up to {@link #SAMPLES} lost keys, to say which ones
 * @param duplicatedSamples up to {@link #SAMPLES} duplicated keys
 * @param details service-specific figures (review labels, trainer's pending records, checkpoint check ...)
 */
public record ServiceAudit(long inputs, long outputs, long rejects, long deadLetters, long lost, long duplicated,
                           List<String> lostSamples, List<String> duplicatedSamples, Map<String, Object> details) {
    /** Keys listed per finding. */
    public static final int SAMPLES = 10;

    /** The JSON shape of this audit. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", inputs);
        m.put("outputs", outputs);
        m.put("rejects", rejects);
        m.put("dead_letters", deadLetters);
        m.put("lost", lost);
        m.put("duplicated", duplicated);
        if (!lostSamples.isEmpty()) m.put("lost_keys", lostSamples);
        if (!duplicatedSamples.isEmpty()) m.put("duplicated_keys", duplicatedSamples);
        m.putAll(details);
        return m;
    }

    static List<String> samples(java.util.Collection<String> keys) {
        return keys.stream().sorted().limit(SAMPLES).toList();
    }
}
