package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry over a {@code _schemas}-style topic on a real broker: a new server on the same topic answers with
 * the ids, versions, deletes and levels the old one gave, continues the id sequence, and the topic holds Confluent's
 * layout.
 */
class PersistedSchemaRegistryIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Schema A1 = record("A", "{\"name\":\"x\",\"type\":\"int\"}");
    private static final Schema A2 = record("A", "{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"y\",\"type\":\"string\",\"default\":\"\"}");
    private static final Schema B1 = record("B", "{\"name\":\"z\",\"type\":\"long\"}");
    private static final Schema C1 = record("C", "{\"name\":\"w\",\"type\":\"double\"}");

    private static Schema record(String name, String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[" + fields + "]}");
    }

    private Map<String, Object> client() {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    }

    @Test
    void givenSchemasRegisteredOverHttp_whenTheServerIsReplacedOnTheSameTopic_thenIdsVersionsAndLevelsAreTheSameAndIdsContinue()
            throws Exception {
        String topic = "_schemas-" + UUID.randomUUID();
        int a1;
        int a2;
        int b1;
        try (EmbeddedSchemaRegistryServer server = EmbeddedSchemaRegistryServer.start(0, KafkaSchemaJournal.openStore(client(), topic, (short) 1))) {
            HttpSchemaRegistryClient http = new HttpSchemaRegistryClient(server.url());
            a1 = http.register("a-value", A1);
            a2 = http.register("a-value", A2);
            b1 = http.register("b-value", B1);
            http.setCompatibility("b-value", CompatibilityLevel.FULL);
        }

        try (EmbeddedSchemaRegistryServer server = EmbeddedSchemaRegistryServer.start(0, KafkaSchemaJournal.openStore(client(), topic, (short) 1))) {
            HttpSchemaRegistryClient http = new HttpSchemaRegistryClient(server.url());
            assertThat(http.getById(a1)).isEqualTo(A1);
            assertThat(http.getById(a2)).isEqualTo(A2);
            assertThat(http.getById(b1)).isEqualTo(B1);
            assertThat(http.latest("a-value")).extracting(SchemaRegistryClient.RegisteredSchema::version,
                    SchemaRegistryClient.RegisteredSchema::id).containsExactly(2, a2);
            assertThat(http.versions("a-value")).containsExactly(1, 2);
            assertThat(http.compatibility("b-value")).isEqualTo(CompatibilityLevel.FULL);
            assertThat(http.register("a-value", A1)).as("re-registering keeps the id").isEqualTo(a1);
            assertThat(http.register("c-value", C1)).as("the id sequence continues").isEqualTo(Math.max(a2, b1) + 1);
        }
    }

    @Test
    void givenDeletesOverHttp_whenTheServerIsReplacedOnTheSameTopic_thenDeletedStaysDeletedAndIdsAreNotReused() throws Exception {
        String topic = "_schemas-" + UUID.randomUUID();
        int a1;
        int b1;
        int c1;
        try (EmbeddedSchemaRegistryServer server = EmbeddedSchemaRegistryServer.start(0, KafkaSchemaJournal.openStore(client(), topic, (short) 1))) {
            RegistryHttp http = new RegistryHttp(server.url());
            a1 = http.register("a-value", A1.toString());
            http.register("a-value", A2.toString());
            b1 = http.register("b-value", B1.toString());
            c1 = http.register("c-value", C1.toString());
            http.call("PUT", "/config/a-value", "{\"compatibility\":\"FULL\"}");
            http.call("PUT", "/config/b-value", "{\"compatibility\":\"NONE\"}");
            http.call("PUT", "/config/c-value", "{\"compatibility\":\"FORWARD\"}");
            assertThat(http.delete("/subjects/a-value/versions/1").status()).isEqualTo(200);
            assertThat(http.delete("/subjects/b-value").status()).isEqualTo(200);
            assertThat(http.delete("/config/b-value").status()).isEqualTo(200);
            assertThat(http.delete("/subjects/c-value").status()).isEqualTo(200);
            assertThat(http.delete("/subjects/c-value?permanent=true").status()).isEqualTo(200);
        }

        try (EmbeddedSchemaRegistryServer server = EmbeddedSchemaRegistryServer.start(0, KafkaSchemaJournal.openStore(client(), topic, (short) 1))) {
            RegistryHttp http = new RegistryHttp(server.url());
            assertThat(http.get("/subjects").json().toString()).isEqualTo("[\"a-value\"]");
            assertThat(http.get("/subjects?deleted=true").json().toString()).isEqualTo("[\"a-value\",\"b-value\"]");
            assertThat(http.get("/subjects/a-value/versions").json().toString()).isEqualTo("[2]");
            assertThat(http.get("/subjects/a-value/versions?deleted=true").json().toString()).isEqualTo("[1,2]");
            assertThat(http.get("/subjects/a-value/versions/1?deleted=true").json().path("id").asInt()).isEqualTo(a1);
            assertThat(http.get("/schemas/ids/" + b1).status()).as("soft-deleted: still readable by id").isEqualTo(200);
            assertThat(http.get("/schemas/ids/" + c1).json().path("error_code").asInt()).isEqualTo(40403);
            assertThat(http.get("/config/a-value").json().path("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(http.get("/config/b-value").json().path("error_code").asInt()).as("config tombstone").isEqualTo(40408);
            assertThat(http.get("/config/c-value").json().path("error_code").asInt())
                    .as("a permanently deleted subject loses its level").isEqualTo(40408);
            assertThat(http.delete("/subjects/b-value").json().path("error_code").asInt()).as("still soft-deleted").isEqualTo(40404);
            assertThat(http.register("b-value", B1.toString())).as("re-registered after a soft delete: same id").isEqualTo(b1);
            assertThat(http.get("/subjects/b-value/versions").json().toString()).as("as a new version").isEqualTo("[2]");
            assertThat(http.register("d-value", "{\"type\":\"record\",\"name\":\"D\",\"fields\":[]}"))
                    .as("ids are not reused after deletes").isEqualTo(c1 + 1);
        }
    }

    @Test
    void givenARegistration_whenReadingTheTopicWithAPlainConsumer_thenKeysAndValuesAreConfluentsJson() throws Exception {
        String topic = "_schemas-" + UUID.randomUUID();
        int id;
        try (SchemaStoreCloser s = new SchemaStoreCloser(KafkaSchemaJournal.openStore(client(), topic, (short) 1))) {
            id = s.store().register("a-value", A1);
        }

        List<String[]> records = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() < until) {
                c.poll(Duration.ofMillis(200)).forEach(r -> records.add(new String[] {r.key(), r.value()}));
            }
        }

        ObjectMapper json = new ObjectMapper();
        assertThat(records).hasSize(1);
        JsonNode key = json.readTree(records.get(0)[0]);
        JsonNode value = json.readTree(records.get(0)[1]);
        assertThat(key.toString()).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"a-value\",\"version\":1,\"magic\":1}");
        assertThat(value.path("id").asInt()).isEqualTo(id);
        assertThat(value.path("deleted").asBoolean(true)).isFalse();
        assertThat(new Schema.Parser().parse(value.path("schema").asText())).isEqualTo(A1);
    }

    /** Closes a store in try-with-resources. */
    private record SchemaStoreCloser(SchemaStore store) implements AutoCloseable {
        @Override public void close() { store.close(); }
    }
}
