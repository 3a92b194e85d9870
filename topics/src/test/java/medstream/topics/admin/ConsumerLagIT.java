package medstream.topics.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consumer-group lag against a real broker, including a transactional input topic. */
class ConsumerLagIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void givenTransactionalInputAndAGroupThatCommittedPartOfIt_whenMeasuringLag_thenLagIsTheRestAndWaitingFailsUntilItCatchesUp() {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        String topic = catalog.trainTriggers().name();   // one partition: offsets are easy to reason about
        Properties p = KAFKA.producerProps();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-it");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) producer.send(new ProducerRecord<>(topic, bytes("k" + i), bytes("v")));
            producer.commitTransaction();
        }
        String group = "lag-it-group";
        List<String> topics = List.of(topic);
        // commitTransaction returns once the coordinator has decided; the partition leader writes the commit marker
        // just after, so the log end offset moves from 10 to 11 a moment later (this test once read 10 here).
        await().atMost(Duration.ofSeconds(30)).until(() -> ConsumerLag.totalLag(KAFKA.admin(), group, topics) == 11);

        long before = ConsumerLag.totalLag(KAFKA.admin(), group, topics);
        consumeAndCommit(group, topic, 4);
        long afterFour = ConsumerLag.totalLag(KAFKA.admin(), group, topics);

        assertThat(before).as("10 records + 1 commit marker, nothing committed").isEqualTo(11);
        assertThat(afterFour).isEqualTo(7);
        assertThatThrownBy(() -> ConsumerLag.awaitCaughtUp(KAFKA.admin(), group, topics, Duration.ofMillis(300), lag -> { }))
                .hasMessageContaining(group).hasMessageContaining("7 record(s) behind");

        consumeAndCommit(group, topic, 6);
        List<Long> seen = new ArrayList<>();
        ConsumerLag.awaitCaughtUp(KAFKA.admin(), group, topics, Duration.ofSeconds(30), seen::add);
        assertThat(seen).last().isEqualTo(0L);
    }

    /**
     * Reads {@code n} more records with read_committed and commits the consumer's position, as an
     * application does; a consumer that keeps polling at the end moves past the commit marker.
     */
    private static void consumeAndCommit(String group, String topic, int n) {
        Properties c = KAFKA.consumerProps();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(n));
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            int got = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got < n && System.nanoTime() < deadline) got += consumer.poll(Duration.ofMillis(100)).count();
            assertThat(got).isEqualTo(n);
            // Only when the records are exhausted: poll on so the position passes the marker.
            while (consumer.position(tp) + 1 == end && System.nanoTime() < deadline) consumer.poll(Duration.ofMillis(100));
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(consumer.position(tp))));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
