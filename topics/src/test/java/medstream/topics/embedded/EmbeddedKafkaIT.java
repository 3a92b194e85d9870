package medstream.topics.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker is a real Kafka: clients, transactions, clean shutdown, both run modes. */
class EmbeddedKafkaIT {

    @Test
    void givenInProcessBroker_whenTransactionCommitsAndAnotherAborts_thenReadCommittedSeesOnlyCommittedAndCloseDeletesStorage()
            throws Exception {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            dir = kafka.dataDir();
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            createTopic(kafka.bootstrapServers(), "embedded-it");

            try (KafkaProducer<String, String> p = transactionalProducer(kafka.bootstrapServers())) {
                p.initTransactions();
                p.beginTransaction();
                p.send(new ProducerRecord<>("embedded-it", "a", "committed"));
                p.commitTransaction();
                p.beginTransaction();
                p.send(new ProducerRecord<>("embedded-it", "b", "aborted"));
                p.flush();
                p.abortTransaction();
            }

            assertThat(readAll(kafka.bootstrapServers(), "embedded-it", Duration.ofSeconds(5)))
                    .extracting(ConsumerRecord::value).containsExactly("committed");
        }
        assertThat(Files.exists(dir)).as("storage dir deleted on close").isFalse();
    }

    @Test
    void givenChildJvmBroker_whenProducingAndConsuming_thenRecordsRoundTripAndCloseStopsTheChild() throws Exception {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.startInChildJvm("512m")) {
            dir = kafka.dataDir();
            assertThat(kafka.isChildJvm()).isTrue();
            createTopic(kafka.bootstrapServers(), "child-it");
            produce(kafka.bootstrapServers(), "child-it", "v");
            assertThat(readAll(kafka.bootstrapServers(), "child-it", Duration.ofSeconds(5)))
                    .extracting(ConsumerRecord::value).containsExactly("v");
        }
        assertThat(Files.exists(dir)).as("storage dir deleted on close").isFalse();
    }

    @Test
    void givenAPersistentDirectory_whenTheBrokerStopsAndStartsAgain_thenItKeepsItsRecordsClusterIdAndAddress(@TempDir Path dir)
            throws Exception {
        String bootstrap;
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.startPersistent(dir)) {
            bootstrap = kafka.bootstrapServers();
            clusterId = clusterId(bootstrap);
            createTopic(bootstrap, "kept-it");
            produce(bootstrap, "kept-it", "first");
        }
        assertThat(dir.resolve("server.properties")).as("storage kept on close").exists();

        try (EmbeddedKafka kafka = EmbeddedKafka.startPersistent(dir)) {
            produce(kafka.bootstrapServers(), "kept-it", "second");

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(clusterId(kafka.bootstrapServers())).isEqualTo(clusterId);
            assertThat(readAll(kafka.bootstrapServers(), "kept-it", Duration.ofSeconds(10)))
                    .extracting(ConsumerRecord::value).containsExactly("first", "second");
        }
    }

    @Test
    void givenAPersistentChildJvmBroker_whenClosedAndStartedAgain_thenTheRecordsAreStillThere(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startInChildJvm("512m", dir)) {
            createTopic(kafka.bootstrapServers(), "child-kept-it");
            produce(kafka.bootstrapServers(), "child-kept-it", "v");
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.startInChildJvm("512m", dir)) {
            assertThat(kafka.isChildJvm()).isTrue();
            assertThat(readAll(kafka.bootstrapServers(), "child-kept-it", Duration.ofSeconds(10)))
                    .extracting(ConsumerRecord::value).containsExactly("v");
        }
        assertThat(dir.resolve("logs")).isDirectory();
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String bootstrap, String topic, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void createTopic(String bootstrap, String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-it-tx");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads the topic up to its read_committed end offset (the LSO), polling with a deadline. */
    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, Duration deadline) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long until = System.nanoTime() + deadline.toNanos();
            while (c.position(tp) < end && System.nanoTime() < until) c.poll(Duration.ofMillis(100)).forEach(out::add);
        }
        return out;
    }
}
