package medstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import medstream.contracts.TrainTrigger;
import medstream.topics.registry.MockSchemaRegistry;
import medstream.topics.registry.SchemaNotFoundException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are not Confluent-framed Avro fail with a {@link WireFormatException} whose
 * {@link WireFormatException.Kind} says what was wrong and whose message names the topic and the
 * fix. (Kafka adds partition and offset: see {@code StreamsDeadLetterTest} for the Streams path.)
 */
class WireFormatErrorsTest {
    private static final String TOPIC = "medstream.train.triggers";

    private String scope;
    private Deserializer<TrainTrigger> deserializer;

    @BeforeEach
    void setUp() {
        scope = "wire-errors-" + UUID.randomUUID();
        deserializer = new ConfluentAvroDeserializer<>(TrainTrigger.class);
        deserializer.configure(AvroSerdes.config(MockSchemaRegistry.SCHEME + scope), false);
    }

    @AfterEach
    void tearDown() {
        deserializer.close();
        MockSchemaRegistry.dropScope(scope);
    }

    @Test
    void givenBytesWithMagicByteOne_whenDeserialized_thenBadMagicByte() {
        byte[] bytes = {0x01, 0x00, 0x00, 0x00, 0x01, 0x06};

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .asInstanceOf(type(WireFormatException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(WireFormatException.Kind.BAD_MAGIC_BYTE);
                    assertThat(e.topic()).isEqualTo(TOPIC);
                    assertThat(e.getMessage()).contains(TOPIC).contains("0x01");
                })
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void givenPlainJsonText_whenDeserialized_thenBadMagicByteNamesTheByteSeen() {
        byte[] json = "{\"stage\":1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
                .asInstanceOf(type(WireFormatException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(WireFormatException.Kind.BAD_MAGIC_BYTE);
                    assertThat(e.getMessage()).contains("0x7b");
                });
    }

    @Test
    void givenFewerThanFiveBytes_whenDeserialized_thenTooShort() {
        for (byte[] bytes : new byte[][] {{}, {0x00}, {0x00, 0x00, 0x00, 0x01}}) {
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                    .as("%d bytes", bytes.length)
                    .asInstanceOf(type(WireFormatException.class))
                    .satisfies(e -> {
                        assertThat(e.kind()).isEqualTo(WireFormatException.Kind.TOO_SHORT);
                        assertThat(e.getMessage()).contains(TOPIC).contains(bytes.length + " bytes");
                    });
        }
    }

    @Test
    void givenAnIdTheRegistryNeverIssued_whenDeserialized_thenUnknownSchemaIdWithTheRegistryCause() {
        byte[] bytes = {0x00, 0x00, 0x00, 0x30, 0x39, 0x06}; // id 12345

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .asInstanceOf(type(WireFormatException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(WireFormatException.Kind.UNKNOWN_SCHEMA_ID);
                    assertThat(e.getMessage()).contains(TOPIC).contains("schema id 12345");
                    assertThat(e.getCause()).isInstanceOf(SchemaNotFoundException.class);
                });
    }

    @Test
    void givenATruncatedBody_whenDeserialized_thenUndecodable() {
        byte[] good = serialize(TrainTrigger.newBuilder().setStage(2).setReason("parent-updated")
                .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build());
        byte[] truncated = Arrays.copyOf(good, good.length - 3);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                .asInstanceOf(type(WireFormatException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(WireFormatException.Kind.UNDECODABLE);
                    assertThat(e.getMessage()).contains(TOPIC).contains("TrainTrigger");
                });
        assertThat(deserializer.deserialize(TOPIC, good).getReason()).as("the intact frame still reads")
                .isEqualTo("parent-updated");
    }

    @Test
    void givenANullValue_whenDeserialized_thenNullAsForATombstone() {
        assertThat(deserializer.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void givenAnHttpRegistryThatIsDown_whenDeserialized_thenRegistryUnavailableSaysWhereItLooked() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + freePort;
        try (Deserializer<TrainTrigger> remote = new ConfluentAvroDeserializer<>(TrainTrigger.class)) {
            remote.configure(AvroSerdes.config(url), false);

            assertThatThrownBy(() -> remote.deserialize(TOPIC, new byte[] {0x00, 0x00, 0x00, 0x00, 0x01, 0x06}))
                    .asInstanceOf(type(WireFormatException.class))
                    .satisfies(e -> {
                        assertThat(e.kind()).isEqualTo(WireFormatException.Kind.REGISTRY_UNAVAILABLE);
                        assertThat(e.getMessage()).contains(url);
                    });
        }
    }

    @Test
    void givenNoRegistryUrl_whenConfigured_thenTheErrorSaysWhichKeyToSet() {
        try (Deserializer<TrainTrigger> unconfigured = new ConfluentAvroDeserializer<>(TrainTrigger.class)) {
            assertThatThrownBy(() -> unconfigured.configure(Map.of(), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(WireFormat.REGISTRY_URL_CONFIG)
                    .hasMessageContaining("mock://");
        }
        try (Serializer<TrainTrigger> unconfigured = new ConfluentAvroSerializer<>(TrainTrigger.class)) {
            assertThatThrownBy(() -> unconfigured.configure(Map.of(), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(WireFormat.REGISTRY_URL_CONFIG);
        }
    }

    private byte[] serialize(TrainTrigger trigger) {
        try (Serializer<TrainTrigger> serializer = new ConfluentAvroSerializer<>(TrainTrigger.class)) {
            serializer.configure(AvroSerdes.config(MockSchemaRegistry.SCHEME + scope), false);
            return serializer.serialize(TOPIC, trigger);
        }
    }
}
