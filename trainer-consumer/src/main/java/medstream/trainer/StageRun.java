package medstream.trainer;

import java.util.List;
import java.util.Map;
import medstream.contracts.EvalResult;

/**
 * What one run of a stage trainer did.
 *
 * @param stage the stage
 * @param rounds the rounds trained, in order
 * @param evals the evaluations of their versions
 * @param stop why the run ended
 * @param untrainedRecords per partition, offsets left between the last checkpoint and the end of the topic
 *     when the run ended (records a budget cut short)
 * @param deadLetters records sent to the dead-letter topic in this run
 * @param skippedCheckpoints damaged checkpoints found at start-up (the run resumed from an older one)
 * @param resumedFrom the version the run started from (own checkpoint or parent), or null
 * @param seconds wall time of the run
 * @param loopSeconds wall time from the first poll to the end (the run without opening the model)
 */
public record StageRun(int stage, List<RoundResult> rounds, List<EvalResult> evals, StopReason stop,
        Map<Integer, Long> untrainedRecords, long deadLetters, List<String> skippedCheckpoints, String resumedFrom,
        double seconds, double loopSeconds) {

    /** Why a run ended. */
    public enum StopReason {
        /** Every input partition was caught up and every record trained. */
        DRAINED,
        /** The token budget was spent. */
        TOKEN_BUDGET,
        /** The time budget was spent. */
        TIME_BUDGET,
        /** {@link StageTrainer#stop()} was called. */
        STOPPED,
        /** The previous stage has no version to start from. */
        NO_PARENT
    }

    /** Records the run left untrained, over all partitions. */
    public long untrainedTotal() {
        return untrainedRecords.values().stream().mapToLong(Long::longValue).sum();
    }
}
