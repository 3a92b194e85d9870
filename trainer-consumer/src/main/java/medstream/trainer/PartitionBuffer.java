package medstream.trainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import medstream.topics.Topic;
import medstream.trainer.format.Example;
import medstream.trainer.format.UnformattableRecordException;
import medstream.trainer.round.RoundPlanner;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input records read but not yet in a round, per assigned partition, and how far each partition is accounted
 * for: {@code consumedUpTo} is the next offset no round has taken, the offset a re-assignment resumes at and the
 * group commit reports. Belongs to the poll thread.
 *
 * @param <V> record type of the stage
 */
final class PartitionBuffer<V> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionBuffer.class);
    /** End offsets cost a broker round trip; a few refreshes a second keep "caught up" fresh enough. */
    private static final long END_OFFSET_REFRESH_NANOS = 200_000_000L;

    private final int stage;
    private final Topic<String, V> topic;
    private final Consumer<byte[], byte[]> consumer;
    private final SortedMap<Integer, List<BufferedRecord<V>>> pending = new TreeMap<>();
    private final Map<Integer, Long> consumedUpTo = new HashMap<>();
    private final Map<Integer, Long> lastBuffered = new HashMap<>();
    private final Set<Integer> caughtUp = new HashSet<>();
    private long lastEndRefresh;

    PartitionBuffer(int stage, Topic<String, V> topic, Consumer<byte[], byte[]> consumer) {
        this.stage = stage;
        this.topic = topic;
        this.consumer = consumer;
    }

    /** Buffers a record of the input topic, read or not: an unreadable one becomes a dead letter in its round. */
    void add(ConsumerRecord<byte[], byte[]> r) {
        List<BufferedRecord<V>> list = pending.get(r.partition());
        Long last = lastBuffered.get(r.partition());
        if (list == null || (last != null && r.offset() <= last)) {
            return; // revoked meanwhile, or re-delivered after a seek
        }
        lastBuffered.put(r.partition(), r.offset());
        BufferedRecord<V> b = new BufferedRecord<>(r.partition(), r.offset(), r.key(), r.value(), r.timestamp(), System.nanoTime());
        if (r.value() == null && r.key() != null) {
            withdraw(list, b);
            return;
        }
        try {
            if (r.value() == null) {
                throw new UnformattableRecordException(UnformattableRecordException.EMPTY, "record "
                        + r.topic() + "-" + r.partition() + "@" + r.offset() + " has no value and no key");
            }
            b.record = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
        } catch (UnformattableRecordException e) {
            b.error = e;
        } catch (RuntimeException e) {
            b.error = new UnformattableRecordException(UnformattableRecordException.UNREADABLE, "record "
                    + r.topic() + "-" + r.partition() + "@" + r.offset() + " is not a " + topic.valueType()
                    .getSimpleName() + ": " + e.getMessage());
        }
        list.add(b);
    }

    /**
     * A tombstone withdraws its key (a PSEUDO task whose request was re-labeled to REVIEW): the records of that key
     * still waiting in this partition are not trained on, and the tombstone itself is neither trained nor a dead
     * letter. Both keep their offsets in the round that passes them, so a restart from a checkpoint meets the same
     * records in the same order and withdraws the same ones. A record trained in an earlier round stays learned.
     */
    private void withdraw(List<BufferedRecord<V>> list, BufferedRecord<V> tombstone) {
        int n = 0;
        for (BufferedRecord<V> b : list) {
            if (!b.withdrawn && Arrays.equals(b.key, tombstone.key)) {
                b.withdrawn = true;
                n++;
            }
        }
        tombstone.withdrawn = true;
        list.add(tombstone);
        LOG.info("stage {}: tombstone at {}-{}@{} withdraws key '{}' ({} waiting record(s) of it not trained)",
                stage, topic.name(), tombstone.partition, tombstone.offset,
                new String(tombstone.key, StandardCharsets.UTF_8), n);
    }

    /** Formats what was read and not yet formatted; the planner counts formatted tokens. */
    void format(Function<V, Example> formatter) {
        for (List<BufferedRecord<V>> list : pending.values()) {
            for (BufferedRecord<V> b : list) {
                if (b.formatted == null && b.error == null && !b.withdrawn) {
                    try {
                        b.formatted = formatter.apply(b.record);
                    } catch (UnformattableRecordException e) {
                        b.error = e;
                    }
                }
            }
        }
    }

    /** Re-reads which partitions the consumer has read to the end, at most a few times a second. */
    void refreshCaughtUp() {
        long now = System.nanoTime();
        if (now - lastEndRefresh < END_OFFSET_REFRESH_NANOS || pending.isEmpty()) {
            return;
        }
        lastEndRefresh = now;
        List<TopicPartition> parts = pending.keySet().stream().map(this::partition).toList();
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(10));
        caughtUp.clear();
        for (TopicPartition tp : parts) {
            if (consumer.position(tp) >= end.get(tp)) {
                caughtUp.add(tp.partition());
            }
        }
    }

    boolean allCaughtUp() {
        return !pending.isEmpty() && caughtUp.containsAll(pending.keySet());
    }

    Set<Integer> caughtUp() {
        return caughtUp;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int records() {
        return pending.values().stream().mapToInt(List::size).sum();
    }

    /** When the oldest waiting record arrived ({@link System#nanoTime()}), or {@code Long.MAX_VALUE} for none. */
    long oldestArrival() {
        long oldest = Long.MAX_VALUE;
        for (List<BufferedRecord<V>> list : pending.values()) {
            if (!list.isEmpty()) {
                oldest = Math.min(oldest, list.get(0).arrivalNanos);
            }
        }
        return oldest;
    }

    /**
     * The tokenizer's sample: the first {@code records / partitions} readable records of every partition, so the
     * sample does not depend on how polls interleaved the partitions.
     *
     * @return the texts, or null while a partition that is not caught up has fewer than its share
     */
    List<String> tokenizerSample(int records, Function<V, String> text) {
        int share = (int) Math.ceil((double) records / pending.size());
        for (Map.Entry<Integer, List<BufferedRecord<V>>> e : pending.entrySet()) {
            if (e.getValue().size() < share && !caughtUp.contains(e.getKey())) {
                return null;
            }
        }
        List<String> texts = new ArrayList<>();
        for (List<BufferedRecord<V>> list : pending.values()) {
            list.stream().limit(share).filter(b -> b.record != null).forEach(b -> texts.add(text.apply(b.record)));
        }
        return texts;
    }

    /** The buffer as {@link RoundPlanner} sees it; withdrawn and unformattable records weigh no tokens. */
    SortedMap<Integer, List<RoundPlanner.Pending>> plannerView() {
        SortedMap<Integer, List<RoundPlanner.Pending>> view = new TreeMap<>();
        pending.forEach((p, list) -> view.put(p, list.stream()
                .map(b -> new RoundPlanner.Pending(b.offset, b.formatted == null || b.withdrawn ? 0 : b.formatted.length()))
                .toList()));
        return view;
    }

    /**
     * The records a round takes from one partition.
     *
     * @param records the records, withdrawn ones included
     * @param from first offset of the half-open range the round consumes
     * @param to next offset after the range: what the checkpoint stores
     */
    record Taken<V>(List<BufferedRecord<V>> records, long from, long to) { }

    /**
     * Takes the first {@code n} records of a partition into a round and advances its {@code consumedUpTo}. A caught-up
     * partition left empty advances to the consumer's position, past any transaction markers, so its lag reads 0.
     */
    Taken<V> take(int partition, int n) {
        List<BufferedRecord<V>> list = pending.get(partition);
        List<BufferedRecord<V>> taken = new ArrayList<>(list.subList(0, n));
        list.subList(0, n).clear();
        long from = consumedUpTo.get(partition);
        long to = list.isEmpty() && caughtUp.contains(partition) ? consumer.position(partition(partition))
                : taken.isEmpty() ? from : taken.get(taken.size() - 1).offset + 1;
        consumedUpTo.put(partition, to);
        return new Taken<>(taken, from, to);
    }

    /** Next offset no round has taken, per partition ever assigned in this run. */
    Map<Integer, Long> consumedUpTo() {
        return consumedUpTo;
    }

    /** Records in the topic past {@code consumedUpTo}, per partition, for the run's report. */
    Map<Integer, Long> untrained() {
        Map<Integer, Long> out = new TreeMap<>();
        if (consumedUpTo.isEmpty()) {
            return out;
        }
        try {
            List<TopicPartition> parts = consumedUpTo.keySet().stream().map(this::partition).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(10));
            for (TopicPartition tp : parts) {
                out.put(tp.partition(), Math.max(0, end.get(tp) - consumedUpTo.get(tp.partition())));
            }
        } catch (RuntimeException e) {
            LOG.warn("stage {}: could not read end offsets for the report: {}", stage, e.getMessage());
        }
        return out;
    }

    /**
     * Seeks newly assigned input partitions: after what this run has already taken, else at the checkpoint's offset,
     * else at the beginning.
     *
     * @param checkpointed the checkpoint's next offset of a partition, or null for a partition it never read
     */
    void assigned(Collection<TopicPartition> data, IntFunction<Long> checkpointed) {
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : data) {
            // Records up to consumedUpTo are in a checkpoint or in the round now training; on a re-assignment
            // in the same run, resume after them rather than at the last checkpoint, which would train the
            // in-flight round's records twice.
            Long next = consumedUpTo.containsKey(tp.partition()) ? consumedUpTo.get(tp.partition())
                    : checkpointed.apply(tp.partition());
            if (next == null) {
                fresh.add(tp);
            } else {
                consumer.seek(tp, next);
                consumedUpTo.put(tp.partition(), next);
            }
            pending.put(tp.partition(), new ArrayList<>());
            lastBuffered.remove(tp.partition());
        }
        if (!fresh.isEmpty()) {
            consumer.seekToBeginning(fresh);
            consumer.beginningOffsets(fresh).forEach((tp, o) -> consumedUpTo.put(tp.partition(), o));
        }
    }

    /** Drops what was buffered of partitions this consumer no longer owns; their new owner reads them again. */
    void revoked(Collection<TopicPartition> data) {
        for (TopicPartition tp : data) {
            pending.remove(tp.partition());
            caughtUp.remove(tp.partition());
        }
    }

    private TopicPartition partition(int p) {
        return new TopicPartition(topic.name(), p);
    }
}
