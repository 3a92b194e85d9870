package medstream.labeler.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A fresh catalog (own topic prefix) provisioned on the shared test broker ({@link EmbeddedKafkaExtension}), with
 * the read helpers the labeler's exactly-once checks need: read_committed versus read_uncommitted, and group lag.
 */
public final class BrokerTopics {
    private final EmbeddedKafkaExtension kafka;
    private final TopicCatalog catalog;

    public BrokerTopics(EmbeddedKafkaExtension kafka) {
        this.kafka = kafka;
        this.catalog = kafka.newCatalog();
        kafka.provision(catalog);
    }

    public TopicCatalog catalog() { return catalog; }

    public String bootstrap() { return kafka.bootstrapServers(); }

    /** Writes records with the topic's serdes, keyed, and waits for the acks. */
    public <V> void write(Topic<String, V> topic, Map<String, V> records) {
        try (KafkaProducer<String, V> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), topic.valueSerde().serializer())) {
            records.forEach((k, v) -> p.send(new ProducerRecord<>(topic.name(), k, v)));
            p.flush();
        }
    }

    /** Writes raw bytes (records that are not in the topic's format). */
    public void writeRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
            p.flush();
        }
    }

    /** Reads everything that is committed now (until the end offsets of read_committed). */
    public <V> List<V> readAll(Topic<String, V> topic, String isolation) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> r : c.poll(Duration.ofMillis(200))) out.add(r.value());
            }
        }
        return out;
    }

    /** The committed offsets of a group, summed over partitions of {@code topic}, and the topic's end offsets summed. */
    public long[] groupLag(String groupId, Topic<?, ?> topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            long c = 0;
            for (var e : committed.entrySet()) if (e.getKey().topic().equals(topic.name()) && e.getValue() != null) c += e.getValue().offset();
            var specs = new HashMap<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
            for (int p = 0; p < topic.partitions(); p++) specs.put(new TopicPartition(topic.name(), p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            long end = 0;
            for (var e : admin.listOffsets(specs).all().get().values()) end += e.offset();
            return new long[] {c, end};
        } catch (Exception e) {
            throw new IllegalStateException("cannot read offsets of group " + groupId + ": " + e, e);
        }
    }
}
