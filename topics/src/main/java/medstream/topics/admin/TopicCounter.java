package medstream.topics.admin;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import medstream.contracts.DeadLetter;
import medstream.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Counts the records of topics as a {@code read_committed} consumer sees them.
 *
 * <p>End offset minus beginning offset is not a record count once producers use transactions: every
 * commit or abort writes a control marker that takes an offset, and aborted records take offsets too.
 * So this class reads each topic from the beginning up to its last stable offset (what
 * {@code endOffsets} returns to a read_committed consumer, captured when the count starts) and counts
 * the records it receives. For compacted topics it counts live keys (the last record per key is not a
 * tombstone), which is what a table built from the topic would hold whether or not the cleaner has run.
 *
 * <p>Not thread-safe; one consumer, no consumer group (partitions are assigned, offsets never committed).
 */
public final class TopicCounter implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    /**
     * @param bootstrapServers broker address
     * @param timeout          the longest one topic may take to read before the count fails
     */
    public TopicCounter(String bootstrapServers, Duration timeout) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), timeout);
    }

    /**
     * @param clientConfig Kafka client settings: {@code bootstrap.servers} and whatever the cluster needs
     *                     (security); the counter sets its own deserializers and isolation level
     * @param timeout      the longest one topic may take to read before the count fails
     */
    public TopicCounter(Map<String, ?> clientConfig, Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "medstream-topic-counter");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.timeout = timeout;
    }

    /** Counts with a 2-minute timeout per topic. */
    public TopicCounter(String bootstrapServers) {
        this(bootstrapServers, Duration.ofMinutes(2));
    }

    /** Records of one topic (live keys for a compacted topic). */
    public long count(Topic<?, ?> topic) {
        if (topic.cleanup() == Topic.Cleanup.COMPACT) {
            Set<ByteBuffer> live = new HashSet<>();
            scan(topic.name(), r -> {
                ByteBuffer key = r.key() == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(r.key());
                if (r.value() == null) live.remove(key); else live.add(key);
            });
            return live.size();
        }
        long[] n = {0};
        scan(topic.name(), r -> n[0]++);
        return n[0];
    }

    /** Counts every topic, keyed by logical name (e.g. {@code raw.documents}), in the given order. */
    public Map<String, Long> countAll(List<? extends Topic<?, ?>> topics) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Topic<?, ?> t : topics) out.put(t.logicalName(), count(t));
        return out;
    }

    /**
     * The live values of a compacted topic: the latest value per key as a read_committed consumer sees it up to the
     * last stable offsets when the read starts; a tombstone removes its key. One place for every service that needs a
     * compacted topic's current state once (the trainer's evaluation set, the labeler's calibration set).
     *
     * @return values by key, in the order their keys were first written (a key written again after its tombstone
     *         moves to the end)
     * @throws IllegalStateException if the topic does not exist or cannot be read within the timeout
     * @throws org.apache.kafka.common.errors.SerializationException if a key or value cannot be decoded
     */
    public <V> Map<String, V> latestValues(Topic<String, V> topic) {
        Deserializer<String> keys = topic.keySerde().deserializer();
        Deserializer<V> values = topic.valueSerde().deserializer();
        Map<String, V> latest = new LinkedHashMap<>();
        scan(topic.name(), r -> {
            String key = r.key() == null ? null : keys.deserialize(topic.name(), r.key());
            if (r.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, values.deserialize(topic.name(), r.value()));
            }
        });
        return latest;
    }

    /**
     * Dead letters by service and error class. A record on the DLQ that cannot be decoded is counted
     * under service {@code unknown} with its decoding exception as the error class (nothing is skipped).
     */
    public DeadLetterCounts countDeadLetters(Topic<String, DeadLetter> dlq) {
        Deserializer<DeadLetter> deserializer = dlq.valueSerde().deserializer();
        Map<String, Long> byService = new HashMap<>();
        Map<String, Long> byErrorClass = new HashMap<>();
        long[] total = {0};
        scan(dlq.name(), r -> {
            String service;
            String errorClass;
            try {
                DeadLetter d = deserializer.deserialize(dlq.name(), r.value());
                service = d.getService();
                errorClass = d.getErrorClass();
            } catch (RuntimeException e) {
                service = "unknown";
                errorClass = "undecodable:" + e.getClass().getSimpleName();
            }
            byService.merge(service, 1L, Long::sum);
            byErrorClass.merge(errorClass, 1L, Long::sum);
            total[0]++;
        });
        return new DeadLetterCounts(total[0], byService, byErrorClass);
    }

    /**
     * Feeds every committed record of a topic, from the beginning up to the last stable offset as of
     * now, to the visitor.
     *
     * @throws IllegalStateException if the topic does not exist or cannot be read within the timeout
     */
    public void scan(String topicName, Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
        List<PartitionInfo> infos = consumer.partitionsFor(topicName, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + topicName + " does not exist on the broker: provision the catalog first "
                    + "(TopicProvisioner, or ./medstream local)");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        // read_committed: these are the last stable offsets, not the log end offsets.
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<TopicPartition> pending = new HashSet<>(partitions);
        pending.removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
        consumer.pause(partitions.stream().filter(tp -> !pending.contains(tp)).toList());
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Counting " + topicName + " did not reach the end offsets " + end + " within "
                        + timeout + " (still reading " + pending + ")");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) visitor.accept(r);
            }
            // Positions move past control markers too, so compare positions, not record offsets.
            for (TopicPartition tp : List.copyOf(pending)) {
                if (consumer.position(tp, timeout) >= end.get(tp)) {
                    pending.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
        }
        consumer.unsubscribe();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
