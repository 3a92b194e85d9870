package medstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import medstream.contracts.TrainTrigger;
import medstream.topics.registry.IncompatibleSchemaException;
import medstream.topics.registry.RegistryUnderTest;
import medstream.topics.registry.SchemaNotFoundException;
import medstream.topics.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which schema id the serializer puts in the frame: always the id of the schema it encoded with. */
class SerializerRegistrationTest {
    private static final String TOPIC = "medstream.train.triggers";
    private static final String SUBJECT = TOPIC + "-value";
    private static final TrainTrigger TRIGGER = TrainTrigger.newBuilder().setStage(2).setReason("manual")
            .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();

    /** A later version of TrainTrigger that some newer producer registered. */
    private static Schema newerTrainTrigger() {
        String json = TrainTrigger.getClassSchema().toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"priority\",\"type\":\"int\",\"default\":0},");
        return new Schema.Parser().parse(json);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenAutoRegisterOffAndANewerLatestVersion_whenSerializing_thenTheFrameCarriesTheIdOfOurOwnSchema(
            RegistryUnderTest.Kind kind) {
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient admin = registry.newClient();
             Serializer<TrainTrigger> serializer = new ConfluentAvroSerializer<>(TrainTrigger.class)) {
            int ours = admin.register(SUBJECT, TrainTrigger.getClassSchema());
            int newer = admin.register(SUBJECT, newerTrainTrigger());
            serializer.configure(Map.of(WireFormat.REGISTRY_URL_CONFIG, registry.url(),
                    WireFormat.AUTO_REGISTER_CONFIG, "false"), false);

            byte[] frame = serializer.serialize(TOPIC, TRIGGER);

            // The id of the latest version would make readers decode our bytes with the newer schema.
            assertThat(ByteBuffer.wrap(frame, 1, 4).getInt()).isEqualTo(ours).isNotEqualTo(newer);
            assertThat(admin.versions(SUBJECT)).containsExactly(1, 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenAutoRegisterOffAndOurSchemaNotRegistered_whenSerializing_thenItFailsInsteadOfRegistering(
            RegistryUnderTest.Kind kind) {
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient admin = registry.newClient();
             Serializer<TrainTrigger> serializer = new ConfluentAvroSerializer<>(TrainTrigger.class)) {
            admin.register(SUBJECT, newerTrainTrigger());
            serializer.configure(Map.of(WireFormat.REGISTRY_URL_CONFIG, registry.url(),
                    WireFormat.AUTO_REGISTER_CONFIG, "false"), false);

            assertThatThrownBy(() -> serializer.serialize(TOPIC, TRIGGER))
                    .hasRootCauseInstanceOf(SchemaNotFoundException.class)
                    .hasMessageContaining(SUBJECT);
            assertThat(admin.versions(SUBJECT)).containsExactly(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenAnIncompatibleLatestVersion_whenAutoRegistering_thenTheErrorNamesTheSubject(RegistryUnderTest.Kind kind) {
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient admin = registry.newClient();
             Serializer<TrainTrigger> serializer = new ConfluentAvroSerializer<>(TrainTrigger.class)) {
            // someone registered a TrainTrigger whose stage is a string: ours cannot read that data
            admin.register(SUBJECT, new Schema.Parser().parse(
                    TrainTrigger.getClassSchema().toString().replace("{\"name\":\"stage\",\"type\":\"int\"",
                            "{\"name\":\"stage\",\"type\":\"string\"")));
            serializer.configure(Map.of(WireFormat.REGISTRY_URL_CONFIG, registry.url()), false);

            assertThatThrownBy(() -> serializer.serialize(TOPIC, TRIGGER))
                    .hasCauseInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining(SUBJECT);
        }
    }
}
