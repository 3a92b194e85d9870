package medstream.trainer.round;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Decides when a round starts and which buffered records it takes. Pure: the decision depends on the
 * buffered records (in offset order per partition), which partitions are caught up, and the limits; not
 * on how polls interleaved the partitions. See {@link medstream.trainer.config.TriggerPolicy}.
 */
public final class RoundPlanner {

    /** Why a round started. */
    public enum Reason {
        /** A partition reached its share of the record or token limit. */
        SIZE,
        /** Every input partition is caught up (local runs). */
        CAUGHT_UP,
        /** The oldest buffered record waited longer than the age limit. */
        AGE,
        /** A TrainTrigger record for this stage arrived. */
        REQUESTED,
        /** A new parent version arrived: re-adapt on top of it. */
        REBASE
    }

    /**
     * A buffered record as the planner sees it.
     *
     * @param offset its offset
     * @param tokens its formatted token count (0 for a record that goes to the dead-letter topic)
     */
    public record Pending(long offset, int tokens) { }

    /**
     * The decision.
     *
     * @param take records taken per partition, from the head of its buffer
     * @param reason why
     */
    public record Cut(Map<Integer, Integer> take, Reason reason) {
        /** Records taken in all. */
        public int records() {
            return take.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private RoundPlanner() {}

    /**
     * Plans a round.
     *
     * @param pending buffered records per assigned partition, each list in offset order (every assigned
     *     partition present, possibly with an empty list)
     * @param caughtUp partitions whose consumer position has reached the end offset
     * @param maxRecords record limit of a round (already capped by any remaining budget)
     * @param maxTokens token limit of a round (already capped by any remaining budget)
     * @param fireWhenCaughtUp whether "all caught up" starts a round
     * @param forced a timing-based reason (age, request, rebase) that starts a round with what is buffered,
     *     or null
     * @return the round, or empty to keep accumulating
     */
    public static Optional<Cut> plan(SortedMap<Integer, List<Pending>> pending, Set<Integer> caughtUp, int maxRecords,
            long maxTokens, boolean fireWhenCaughtUp, Reason forced) {
        int n = Math.max(1, pending.size());
        long recordShare = Math.max(1, ceilDiv(maxRecords, n));
        long tokenShare = Math.max(1, ceilDiv(maxTokens, n));
        Map<Integer, Integer> take = new LinkedHashMap<>();
        boolean anyFull = false;
        boolean allDone = true;
        boolean allCaughtUp = true;
        int total = 0;
        for (Map.Entry<Integer, List<Pending>> e : pending.entrySet()) {
            List<Pending> records = e.getValue();
            int k = 0;
            long tokens = 0;
            while (k < records.size() && k < recordShare && tokens < tokenShare) {
                tokens += records.get(k).tokens();
                k++;
            }
            boolean full = k == recordShare || tokens >= tokenShare;
            boolean drained = caughtUp.contains(e.getKey()) && k == records.size();
            anyFull |= full;
            allDone &= full || drained;
            allCaughtUp &= drained;
            take.put(e.getKey(), k);
            total += k;
        }
        if (anyFull && allDone) {
            return Optional.of(new Cut(take, Reason.SIZE));
        }
        if (fireWhenCaughtUp && allCaughtUp && total > 0) {
            return Optional.of(new Cut(take, Reason.CAUGHT_UP));
        }
        if (forced != null && (total > 0 || forced == Reason.REBASE)) {
            return Optional.of(new Cut(take, forced));
        }
        return Optional.empty();
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1); // (a + b - 1) / b overflows for "no limit" (Long.MAX_VALUE)
    }
}
