package medstream.topics.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link SchemaJournal} in a compacted Kafka topic laid out as Confluent Schema Registry lays out its
 * {@code _schemas} topic, so a Confluent registry pointed at the same topic reads our schemas with our ids:
 * <ul>
 *   <li>key {@code {"keytype":"SCHEMA","subject":S,"version":V,"magic":1}}, value
 *       {@code {"subject":S,"version":V,"id":ID,"schema":"<avro json>","deleted":false}};</li>
 *   <li>a soft-deleted version: the same key, the value with {@code "deleted":true}; a permanently deleted one: a
 *       tombstone (null value) for its key;</li>
 *   <li>a soft-deleted subject: key {@code {"keytype":"DELETE_SUBJECT","subject":S,"magic":0}}, value
 *       {@code {"subject":S,"version":W}} (every version up to W is deleted), one record as Confluent writes it;</li>
 *   <li>key {@code {"keytype":"CONFIG","subject":S|null,"magic":0}}, value {@code {"compatibilityLevel":"BACKWARD"}},
 *       or a tombstone when the level is deleted.</li>
 * </ul>
 * Each write waits for the broker's acknowledgement (acks=all, idempotent) before the store answers the client;
 * {@link #openStore} reads the topic to its end and rebuilds the store before the registry serves anything.
 */
public final class KafkaSchemaJournal implements SchemaJournal {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Confluent's "error in the backend data store". */
    private static final int STORE_ERROR = 50001;

    /** Where the JSON records go: the topic, or a list in a test that replays them without a broker. */
    interface RecordSink extends AutoCloseable {
        /** Writes one record ({@code value} null: a tombstone); durable on return. */
        void send(JsonNode key, JsonNode value);

        @Override
        default void close() {}
    }

    private final RecordSink sink;

    KafkaSchemaJournal(RecordSink sink) { this.sink = sink; }

    /**
     * Creates the topic if it is missing, rebuilds a store from it, and returns the store journaling to it.
     *
     * @param clientConfig Kafka client properties (bootstrap.servers, security)
     * @param topic the journal topic, {@code TopicCatalog.SCHEMAS_TOPIC} normally
     * @param replicationFactor of the topic when it is created
     */
    public static SchemaStore openStore(Map<String, Object> clientConfig, String topic, short replicationFactor) {
        createTopic(clientConfig, topic, replicationFactor);
        KafkaSchemaJournal journal = new KafkaSchemaJournal(new TopicSink(topic, clientConfig));
        try {
            SchemaStore store = new SchemaStore(journal);
            SchemaJournalReader.replay(clientConfig, topic, TIMEOUT, store);
            return store;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    @Override
    public void schemaRegistered(SchemaRegistryClient.RegisteredSchema s) { send(schemaKey(s.subject(), s.version()), schemaValue(s, false)); }

    @Override
    public void versionSoftDeleted(SchemaRegistryClient.RegisteredSchema s) { send(schemaKey(s.subject(), s.version()), schemaValue(s, true)); }

    @Override
    public void versionPermanentlyDeleted(String subject, int version) { send(schemaKey(subject, version), null); }

    @Override
    public void subjectSoftDeleted(String subject, int upToVersion) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "DELETE_SUBJECT").put("subject", subject).put("magic", 0);
        send(key, JSON.createObjectNode().put("subject", subject).put("version", upToVersion));
    }

    @Override
    public void compatibilitySet(String subject, CompatibilityLevel level) {
        send(configKey(subject), JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    @Override
    public void compatibilityDeleted(String subject) { send(configKey(subject), null); }

    private static ObjectNode schemaKey(String subject, int version) {
        return JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
    }

    private static ObjectNode schemaValue(SchemaRegistryClient.RegisteredSchema s, boolean deleted) {
        return JSON.createObjectNode().put("subject", s.subject()).put("version", s.version()).put("id", s.id())
                .put("schema", s.schema().toString()).put("deleted", deleted);
    }

    private static ObjectNode configKey(String subject) {
        return JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject).put("magic", 0);
    }

    private void send(JsonNode key, JsonNode value) { sink.send(key, value); }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(byte[] bytes) throws IOException {
        return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    private static void createTopic(Map<String, Object> clientConfig, String topic, short replicationFactor) {
        NewTopic t = new NewTopic(topic, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (Admin admin = Admin.create(clientConfig)) {
            admin.createTopics(List.of(t)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new SchemaRegistryException(STORE_ERROR, "Cannot create the schema journal topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new SchemaRegistryException(STORE_ERROR, "Creating the schema journal topic " + topic + " timed out; is the broker at "
                    + clientConfig.get("bootstrap.servers") + " up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(STORE_ERROR, "Interrupted while creating " + topic, e);
        }
    }

    @Override
    public void close() { sink.close(); }

    /** Partition 0 of the journal topic, each record acknowledged by all in-sync replicas before the store answers. */
    private static final class TopicSink implements RecordSink {
        private final String topic;
        private final KafkaProducer<byte[], byte[]> producer;

        TopicSink(String topic, Map<String, Object> clientConfig) {
            this.topic = topic;
            Map<String, Object> p = new HashMap<>(clientConfig);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void send(JsonNode key, JsonNode value) {
            try {
                producer.send(new ProducerRecord<>(topic, 0, bytes(key), value == null ? null : bytes(value)))
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new SchemaRegistryException(STORE_ERROR, "Cannot write to the schema journal topic " + topic + " (" + e
                        + "); is the broker up? The registry changed nothing", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(STORE_ERROR, "Interrupted while writing to the schema journal topic " + topic, e);
            }
        }

        @Override
        public void close() { producer.close(Duration.ofSeconds(10)); }
    }
}
