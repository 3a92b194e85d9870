package medstream.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import medstream.contracts.DeadLetter;
import medstream.topics.errors.DeadLetters;
import medstream.trainer.config.StageConfig;
import medstream.trainer.format.Example;
import medstream.trainer.round.RoundPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks {@link RoundPlanner} whether a round starts now, with the reasons only time can give (a new parent version, a
 * train trigger, records waiting too long), and cuts the round's input out of the {@link PartitionBuffer}. Belongs to
 * the poll thread.
 *
 * @param <V> record type of the stage
 */
final class RoundStarter<V> {
    private static final Logger LOG = LoggerFactory.getLogger(RoundStarter.class);
    /** Looking for a new parent version lists a directory; every few seconds is soon enough to re-adapt. */
    private static final long PARENT_CHECK_NANOS = 5_000_000_000L;

    /**
     * A round ready to train.
     *
     * @param input its new data
     * @param deadLetters the records of its ranges that could not be read or formatted
     */
    record Round(RoundInput input, List<DeadLetter> deadLetters) { }

    private final StageEngine<V> engine;
    private final StageConfig config;
    private final String topicName;
    private final PartitionBuffer<V> buffer;
    private final RunBudget budget;
    private final boolean drain;
    private boolean requested;
    private boolean rebasePending;
    private long lastParentCheck;

    RoundStarter(StageEngine<V> engine, StageConfig config, String topicName, PartitionBuffer<V> buffer,
            RunBudget budget, boolean drain) {
        this.engine = engine;
        this.config = config;
        this.topicName = topicName;
        this.buffer = buffer;
        this.budget = budget;
        this.drain = drain;
    }

    /** A train trigger for this stage arrived: the next check starts a round with what is buffered. */
    void requested() {
        requested = true;
    }

    /** The round to start now, if any; what it takes leaves the buffer. */
    Optional<Round> next() {
        var cut = RoundPlanner.plan(buffer.plannerView(), buffer.caughtUp(), config.triggers().maxRecords(),
                Math.min(config.triggers().maxTokens(), budget.remainingTokens()),
                config.triggers().fireWhenCaughtUp() || drain, forcedReason());
        return cut.map(this::cut);
    }

    private RoundPlanner.Reason forcedReason() {
        long now = System.nanoTime();
        if (engine.stage() > 1 && now - lastParentCheck > PARENT_CHECK_NANOS) {
            lastParentCheck = now;
            rebasePending = engine.checkParent();
        }
        if (rebasePending && engine.state().round() > 0) {
            return RoundPlanner.Reason.REBASE; // re-adapt now, replaying this stage's own data
        }
        if (requested) {
            return RoundPlanner.Reason.REQUESTED;
        }
        long oldest = buffer.oldestArrival();
        if (config.triggers().maxAge() != null && oldest != Long.MAX_VALUE
                && now - oldest > config.triggers().maxAge().toNanos()) {
            return RoundPlanner.Reason.AGE;
        }
        return null;
    }

    private Round cut(RoundPlanner.Cut cut) {
        List<Example> formatted = new ArrayList<>();
        Map<Integer, long[]> ranges = new TreeMap<>();
        Map<Integer, Long> recs = new TreeMap<>();
        Map<Integer, Long> toks = new TreeMap<>();
        List<DeadLetter> dead = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : cut.take().entrySet()) {
            int p = e.getKey();
            PartitionBuffer.Taken<V> taken = buffer.take(p, e.getValue());
            ranges.put(p, new long[] {taken.from(), taken.to()});
            long n = 0;
            long t = 0;
            for (BufferedRecord<V> b : taken.records()) {
                if (b.withdrawn) {
                    continue;
                }
                if (b.formatted != null) {
                    formatted.add(b.formatted);
                    n++;
                    t += b.formatted.length();
                } else {
                    dead.add(DeadLetters.stamped(DeadLetters.of("medstream-trainer-stage" + engine.stage(), topicName,
                            p, b.offset, b.key, b.value, b.error.reason(), b.error.getMessage(), null), b.timestamp));
                }
            }
            recs.put(p, n);
            toks.put(p, t);
            budget.taken(t);
        }
        requested = false;
        rebasePending = false;
        RoundInput input = new RoundInput(formatted, ranges, recs, toks, dead.size(), cut.reason());
        LOG.info("stage {}: round {} starts ({}): {} records, {} dead letters, ranges {}", engine.stage(),
                engine.state().round(), cut.reason(), formatted.size(), dead.size(), describe(ranges));
        return new Round(input, dead);
    }

    private static String describe(Map<Integer, long[]> ranges) {
        StringBuilder sb = new StringBuilder();
        ranges.forEach((p, r) -> sb.append(sb.length() == 0 ? "" : ", ").append(p).append(":[").append(r[0]).append(',')
                .append(r[1]).append(')'));
        return sb.toString();
    }
}
