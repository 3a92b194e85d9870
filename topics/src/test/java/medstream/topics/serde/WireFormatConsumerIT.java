package medstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import medstream.contracts.RawDocument;
import medstream.topics.TopicCatalog;
import medstream.topics.embedded.EmbeddedKafka;
import medstream.topics.registry.EmbeddedSchemaRegistryServer;
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
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through a real broker and a plain {@link KafkaConsumer}: a record our deserializer refuses surfaces as
 * Kafka's {@link RecordDeserializationException}, which names topic, partition and offset and carries
 * our typed {@link WireFormatException}; the consumer seeks past it and reads on.
 */
class WireFormatConsumerIT {
    private static final int PARTITION = 1;
    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        registry = EmbeddedSchemaRegistryServer.start(0);
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void givenUndecodableRecordsBetweenGoodOnes_whenConsumed_thenEachFailureNamesItsCoordinatesAndTheRestIsRead()
            throws Exception {
        TopicCatalog catalog = new TopicCatalog("it-" + UUID.randomUUID().toString().substring(0, 8) + ".", 2,
                AvroSerdes.config(registry.url()));
        String topic = catalog.rawDocuments().name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        byte[] badMagic = "{\"id\":\"d1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownId = {0x00, 0x00, 0x00, 0x30, 0x39, 0x02, 0x78};
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            List<byte[]> values = List.of(encode(catalog, "d0"), badMagic, encode(catalog, "d2"), unknownId,
                    encode(catalog, "d4"));
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, PARTITION, "k" + i, values.get(i))).get();
            }
        }

        List<String> read = new ArrayList<>();
        List<RecordDeserializationException> failures = new ArrayList<>();
        TopicPartition tp = new TopicPartition(topic, PARTITION);
        try (KafkaConsumer<String, RawDocument> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), catalog.rawDocuments().valueSerde().deserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read.size() < 3 && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, RawDocument> r : consumer.poll(Duration.ofMillis(500))) {
                        read.add(r.value().getId());
                    }
                } catch (RecordDeserializationException e) {
                    failures.add(e);
                    consumer.seek(e.topicPartition(), e.offset() + 1); // what a service does after dead-lettering it
                }
            }
        }

        assertThat(read).containsExactly("d0", "d2", "d4");
        assertThat(failures).hasSize(2);
        assertThat(failures).extracting(RecordDeserializationException::topicPartition).containsOnly(tp);
        assertThat(failures).extracting(RecordDeserializationException::offset).containsExactly(1L, 3L);
        assertThat(failures).extracting(RecordDeserializationException::origin)
                .containsOnly(RecordDeserializationException.DeserializationExceptionOrigin.VALUE);
        assertThat(failures).extracting(e -> ((WireFormatException) e.getCause()).kind())
                .containsExactly(WireFormatException.Kind.BAD_MAGIC_BYTE, WireFormatException.Kind.UNKNOWN_SCHEMA_ID);
        assertThat(failures.get(0).getMessage()).contains(topic + "-" + PARTITION).contains("offset 1");
        assertThat(failures.get(0).valueBuffer()).isEqualTo(ByteBuffer.wrap(badMagic));
    }

    private static byte[] encode(TopicCatalog catalog, String id) {
        RawDocument doc = RawDocument.newBuilder().setId(id).setSource("it").setKind("TEXT").setBody("text of " + id)
                .setMetadata(Map.of()).setIngestedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
        return catalog.rawDocuments().valueSerde().serializer().serialize(catalog.rawDocuments().name(), doc);
    }
}
