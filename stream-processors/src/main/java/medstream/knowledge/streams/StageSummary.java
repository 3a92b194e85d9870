package medstream.knowledge.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import medstream.contracts.CorpusText;
import medstream.contracts.EvalItem;
import medstream.contracts.Instruction;
import medstream.contracts.LabelRequest;
import medstream.contracts.McqTask;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.config.ClientOverrides;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Counts what the knowledge apps wrote, per source, for the summary of {@code ./medstream local}: for
 * each output topic the records read (read_committed) and the distinct keys per group, where a group
 * is {@code sourceKind/source} for stage-1 text, {@code source} for instructions and label requests,
 * {@code family/labelOrigin/source} for tasks and {@code benchmark/split} for evaluation items.
 * Distinct keys are what a keyed consumer ends up with: a re-emitted star or a re-ingested question
 * counts once.
 */
public final class StageSummary {
    /**
     * Counts of one topic.
     *
     * @param records        records read, updates included
     * @param distinctKeys   distinct keys per group (a key counts in the group of its last value)
     * @param recordsByGroup records read per group, updates included
     */
    public record TopicCounts(long records, Map<String, Long> distinctKeys, Map<String, Long> recordsByGroup) {
        /** Distinct keys over all groups. */
        public long totalDistinctKeys() {
            return distinctKeys.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Accumulates the values of one topic; pure, so the grouping is unit-tested without a broker. */
    public static final class Tally<V> {
        private final Function<V, String> group;
        private final Map<String, String> groupByKey = new HashMap<>();
        private final Map<String, Long> recordsByGroup = new TreeMap<>();
        private long records;

        public Tally(Function<V, String> group) {
            this.group = group;
        }

        /** Adds one record; a null value (tombstone) removes the key. */
        public void add(String key, V value) {
            records++;
            if (value == null) {
                groupByKey.remove(key);
            } else {
                String g = group.apply(value);
                groupByKey.put(key, g);
                recordsByGroup.merge(g, 1L, Long::sum);
            }
        }

        public TopicCounts counts() {
            Map<String, Long> m = new TreeMap<>();
            groupByKey.values().forEach(g -> m.merge(g, 1L, Long::sum));
            return new TopicCounts(records, m, Map.copyOf(recordsByGroup));
        }
    }

    private StageSummary() { }

    /** Group of a stage-1 text. */
    public static String group(CorpusText c) {
        return c.getSourceKind() + "/" + c.getSource();
    }

    /** Group of an instruction. */
    public static String group(Instruction i) {
        return i.getSource();
    }

    /** Group of a task. */
    public static String group(McqTask t) {
        return t.getFamily() + "/" + t.getLabelOrigin() + "/" + t.getSource();
    }

    /** Group of an evaluation item. */
    public static String group(EvalItem e) {
        return e.getBenchmark() + "/" + e.getSplit();
    }

    /** Group of a label request. */
    public static String group(LabelRequest r) {
        return r.getSource();
    }

    /**
     * Reads the five output topics to their end (as of the call) and counts them, keyed by logical topic
     * name (stage1.corpus, stage2.instructions, stage3.tasks, eval.items, label.requests).
     *
     * @param timeout the longest one topic may take to read
     */
    public static Map<String, TopicCounts> read(String bootstrapServers, TopicCatalog catalog, Duration timeout) {
        return read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), catalog, timeout);
    }

    /** {@link #read(String, TopicCatalog, Duration)} with client settings: bootstrap servers and a secured cluster's. */
    public static Map<String, TopicCounts> read(Map<String, ?> clientConfig, TopicCatalog catalog, Duration timeout) {
        Properties p = new Properties();
        p.putAll(ClientOverrides.forConsumer(clientConfig));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "medstream-knowledge-summary");
        Map<String, TopicCounts> out = new java.util.LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            out.put(catalog.stage1Corpus().logicalName(), scan(consumer, catalog.stage1Corpus(), StageSummary::group, timeout));
            out.put(catalog.stage2Instructions().logicalName(), scan(consumer, catalog.stage2Instructions(), StageSummary::group, timeout));
            out.put(catalog.stage3Tasks().logicalName(), scan(consumer, catalog.stage3Tasks(), StageSummary::group, timeout));
            out.put(catalog.evalItems().logicalName(), scan(consumer, catalog.evalItems(), StageSummary::group, timeout));
            out.put(catalog.labelRequests().logicalName(), scan(consumer, catalog.labelRequests(), StageSummary::group, timeout));
        }
        return out;
    }

    /**
     * Every value of a topic up to its current end, read_committed: the tool for tests and checks that
     * need the records themselves (decontamination, duplicate checks).
     */
    public static <V> Map<String, V> readLatest(String bootstrapServers, Topic<String, V> topic, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, V> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Deserializer<V> values = topic.valueSerde().deserializer();
            forEach(consumer, topic.name(), timeout, r -> {
                String key = r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
                V v = r.value() == null ? null : values.deserialize(topic.name(), r.value());
                if (v == null) {
                    latest.remove(key);
                } else {
                    latest.put(key, v);
                }
            });
        }
        return latest;
    }

    private static <V> TopicCounts scan(KafkaConsumer<byte[], byte[]> consumer, Topic<String, V> topic,
                                        Function<V, String> group, Duration timeout) {
        Tally<V> tally = new Tally<>(group);
        Deserializer<V> values = topic.valueSerde().deserializer();
        forEach(consumer, topic.name(), timeout, r -> tally.add(
                r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                r.value() == null ? null : values.deserialize(topic.name(), r.value())));
        return tally.counts();
    }

    private static void forEach(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout,
                                java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(pi -> new TopicPartition(topic, pi.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Set<TopicPartition> open = new HashSet<>();
        partitions.forEach(tp -> {
            if (consumer.position(tp, timeout) < end.get(tp)) {
                open.add(tp);
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " did not reach its end offsets " + end + " within "
                        + timeout + "; is the broker reachable and are transactions stuck open?");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                action.accept(r);
            }
            open.removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
        }
        consumer.unsubscribe();
    }
}
