package medstream.labeler.service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import medstream.topics.service.ServiceStats;

/** Counters of a running service, summed over its workers (read by tests, the CLI and logs). */
public final class LabelerStats implements ServiceStats {
    final AtomicLong committedBatches = new AtomicLong();
    final AtomicLong committedRecords = new AtomicLong();
    final AtomicLong committedBatchNanos = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong review = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong abortedBatches = new AtomicLong();
    final AtomicLong modelSwaps = new AtomicLong();
    final AtomicLong modelLoadFailures = new AtomicLong();
    private final Map<String, LongAdder> deadLettersByClass = new ConcurrentHashMap<>();

    /** Adds the committed dead letters of one batch, per error class (reason code). */
    void addDeadLetters(Map<String, Long> byClass) {
        byClass.forEach((c, n) -> deadLettersByClass.computeIfAbsent(c, k -> new LongAdder()).add(n));
    }

    /** Committed dead letters per error class (the reason code of the dead letter), sorted by class. */
    public Map<String, Long> deadLettersByClass() {
        Map<String, Long> out = new TreeMap<>();
        deadLettersByClass.forEach((c, n) -> out.put(c, n.sum()));
        return out;
    }

    private final Supplier<List<String>> loadedVersions;

    /** @param loadedVersions the newest model version loaded for each worker, for the status line */
    LabelerStats(Supplier<List<String>> loadedVersions) {
        this.loadedVersions = loadedVersions;
    }

    /** Batches whose transaction committed. */
    public long committedBatches() { return committedBatches.get(); }
    /** Seconds the committed batches took from entering the model to their commit, summed (over batches: the mean latency). */
    public double committedBatchSeconds() { return committedBatchNanos.get() / 1e9; }
    /** Input records whose outcome committed. */
    public long committedRecords() { return committedRecords.get(); }
    /** Committed ACCEPT results. */
    public long accepted() { return accepted.get(); }
    /** Committed REVIEW results. */
    public long review() { return review.get(); }
    /** Committed dead letters. */
    public long deadLetters() { return deadLetters.get(); }
    /** Batches whose transaction was aborted (and re-read). */
    public long abortedBatches() { return abortedBatches.get(); }
    /** Model versions swapped in after start. */
    public long modelSwaps() { return modelSwaps.get(); }
    /** Model versions that failed to load (the old model stayed). */
    public long modelLoadFailures() { return modelLoadFailures.get(); }

    /** All counters by name. */
    public Map<String, Long> asMap() {
        return Map.of("committed_batches", committedBatches(), "committed_records", committedRecords(), "accepted", accepted(),
                "review", review(), "dead_letters", deadLetters(), "aborted_batches", abortedBatches(),
                "model_swaps", modelSwaps(), "model_load_failures", modelLoadFailures());
    }

    /** The status line of {@code serve labeler}: the models, the committed labels, dead letters and model swaps. */
    @Override
    public String describe() {
        return "model " + loadedVersions.get() + ", labels accepted " + accepted() + " / review " + review() + ", dead letters "
                + deadLetters() + ", model swaps " + modelSwaps();
    }
}
