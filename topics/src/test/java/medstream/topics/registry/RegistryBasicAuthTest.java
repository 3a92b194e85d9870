package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import medstream.contracts.RawDocument;
import medstream.topics.serde.AvroSerdes;
import medstream.topics.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry that requires HTTP basic auth, reached with Confluent's credential settings. */
class RegistryBasicAuthTest {
    private static final String USER_INFO = "svc:s3cret";
    private static final Schema SCHEMA = AvroSerdes.schemaOf(RawDocument.class);

    private EmbeddedSchemaRegistryServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = EmbeddedSchemaRegistryServer.startWithBasicAuth(0, USER_INFO);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void givenConfluentUserInfoInTheSerdeConfig_whenARecordIsSerializedAndRead_thenTheRegistryAcceptsTheCredentials() {
        Map<String, Object> config = Map.of(WireFormat.REGISTRY_URL_CONFIG, server.url(),
                WireFormat.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO", WireFormat.BASIC_AUTH_USER_INFO_CONFIG, USER_INFO);
        RawDocument doc = RawDocument.newBuilder().setId("d1").setSource("test").setKind("ABSTRACT").setBody("Aspirin lowers fever.")
                .setIngestedAt(Instant.EPOCH).build();

        try (Serde<RawDocument> serde = AvroSerdes.specific(RawDocument.class, false, config)) {
            byte[] bytes = serde.serializer().serialize("docs", doc);
            assertThat(serde.deserializer().deserialize("docs", bytes)).isEqualTo(doc);
        }
        assertThat(new HttpSchemaRegistryClient(server.url(), USER_INFO).subjects()).containsExactly("docs-value");
    }

    @Test
    void givenCredentialsInTheUrl_whenRegistering_thenTheyAreUsedAndNeverPrinted() {
        String url = server.url().replace("http://", "http://" + USER_INFO + "@");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url);

        assertThat(client.register("s-value", SCHEMA)).isPositive();
        assertThat(client.toString()).contains(server.url()).doesNotContain("s3cret");
    }

    @Test
    void givenNoOrWrongCredentials_whenCallingTheRegistry_thenItIsRefusedWithAMessageNamingTheSetting() {
        for (HttpSchemaRegistryClient client : new HttpSchemaRegistryClient[] {new HttpSchemaRegistryClient(server.url()),
                new HttpSchemaRegistryClient(server.url(), "svc:wrong")}) {
            assertThatThrownBy(() -> client.register("s-value", SCHEMA)).isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("HTTP 401").hasMessageContaining("schema.registry.basic.auth.user.info")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong"));
        }
    }

    @Test
    void givenAnUnsupportedCredentialsSource_whenConfiguringASerde_thenTheErrorNamesTheSupportedOnes() {
        Map<String, Object> config = Map.of(WireFormat.REGISTRY_URL_CONFIG, server.url(),
                WireFormat.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "SASL_INHERIT");

        assertThatThrownBy(() -> AvroSerdes.specific(RawDocument.class, false, config))
                .hasMessageContaining("USER_INFO").hasMessageContaining("URL");
    }
}
