package medstream.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trainer's own state, saved as {@code extra.trainer} in every checkpoint: the round counter that
 * seeds replay and shuffling, the lineage, cumulative data statistics and the loss curve.
 *
 * @param round rounds trained in this stage's lineage (0-based number of the next round)
 * @param baseVersion the previous stage's version this one is trained on top of (null for stage 1)
 * @param tokensSeen tokens trained on in this stage so far, replayed rows included
 * @param newTokens tokens of new records trained on in this stage so far
 * @param records records trained on in this stage so far
 * @param deadLetters records sent to the dead-letter topic so far
 * @param recordsPerPartition records trained on per "topic-partition"
 * @param tokensPerPartition tokens trained on per "topic-partition"
 * @param lossCurve {global step, loss} of every step
 */
public record TrainerState(long round, String baseVersion, long tokensSeen, long newTokens, long records,
        long deadLetters, Map<String, Long> recordsPerPartition, Map<String, Long> tokensPerPartition,
        List<double[]> lossCurve) {

    /** The state of a stage that has not trained yet. */
    public static TrainerState fresh(String baseVersion) {
        return new TrainerState(0, baseVersion, 0, 0, 0, 0, new TreeMap<>(), new TreeMap<>(), new ArrayList<>());
    }

    /** The state after one more round. */
    TrainerState after(long trainedTokens, long roundNewTokens, Map<String, Long> roundRecords,
            Map<String, Long> roundTokens, long roundDeadLetters, List<double[]> roundLosses) {
        Map<String, Long> recs = new TreeMap<>(recordsPerPartition);
        roundRecords.forEach((k, v) -> recs.merge(k, v, Long::sum));
        Map<String, Long> toks = new TreeMap<>(tokensPerPartition);
        roundTokens.forEach((k, v) -> toks.merge(k, v, Long::sum));
        List<double[]> curve = new ArrayList<>(lossCurve);
        curve.addAll(roundLosses);
        long roundRecordCount = roundRecords.values().stream().mapToLong(Long::longValue).sum();
        return new TrainerState(round + 1, baseVersion, tokensSeen + trainedTokens, newTokens + roundNewTokens,
                records + roundRecordCount, deadLetters + roundDeadLetters, recs, toks, curve);
    }

    /** The same state on top of another base version (after a re-adaptation). */
    TrainerState withBase(String version) {
        return new TrainerState(round, version, tokensSeen, newTokens, records, deadLetters, recordsPerPartition,
                tokensPerPartition, lossCurve);
    }

    /** Flat statistics for the checkpoint's {@code dataStats}. */
    Map<String, Number> dataStats() {
        Map<String, Number> s = new TreeMap<>();
        s.put("rounds", round);
        s.put("tokensSeen", tokensSeen);
        s.put("newTokens", newTokens);
        s.put("records", records);
        s.put("deadLetters", deadLetters);
        recordsPerPartition.forEach((k, v) -> s.put("records." + k, v));
        tokensPerPartition.forEach((k, v) -> s.put("tokens." + k, v));
        return s;
    }
}
