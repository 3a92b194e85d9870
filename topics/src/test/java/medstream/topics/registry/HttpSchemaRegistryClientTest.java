package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls medstream makes through {@link HttpSchemaRegistryClient} (serdes, provisioning, evolution checks) against
 * the embedded server, including after another client deleted versions, as Confluent's tools can.
 */
class HttpSchemaRegistryClientTest {
    private static final Schema V1 = new Schema.Parser().parse(RegistryEndpointsTest.V1);
    private static final Schema V2 = new Schema.Parser().parse(RegistryEndpointsTest.V2);
    private static final Schema BREAKS_V2 = new Schema.Parser().parse(RegistryEndpointsTest.B_WITHOUT_DEFAULT.replace("\"string\"", "\"int\""));

    private EmbeddedSchemaRegistryServer server;

    @BeforeEach
    void start() throws Exception { server = EmbeddedSchemaRegistryServer.start(0); }

    @AfterEach
    void stop() { server.close(); }

    /** A client with empty caches, so every answer comes from the server. */
    private HttpSchemaRegistryClient client() { return new HttpSchemaRegistryClient(server.url()); }

    @Test
    void givenTwoVersions_whenEveryClientCallIsMade_thenEachAnswersWhatTheServerHolds() {
        int v1 = client().register("s-value", V1);
        int v2 = client().register("s-value", V2);
        HttpSchemaRegistryClient client = client();

        client.setCompatibility("s-value", CompatibilityLevel.FULL);

        assertThat(client.idOf("s-value", V1)).isEqualTo(v1);
        assertThat(client.getById(v2)).isEqualTo(V2);
        assertThat(client.latest("s-value")).extracting(SchemaRegistryClient.RegisteredSchema::version,
                SchemaRegistryClient.RegisteredSchema::id).containsExactly(2, v2);
        assertThat(client.versions("s-value")).containsExactly(1, 2);
        assertThat(client.versions("nobody-value")).isEmpty();
        assertThat(client.subjects()).containsExactly("s-value");
        assertThat(client.compatibility("s-value")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.compatibility("nobody-value")).as("a subject without a level of its own follows the global one")
                .isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.testCompatibility("s-value", BREAKS_V2)).isNotEmpty();
        assertThat(client.testCompatibility("nobody-value", BREAKS_V2)).as("nothing registered, nothing to break").isEmpty();
        assertThatThrownBy(() -> client.register("s-value", BREAKS_V2)).asInstanceOf(type(IncompatibleSchemaException.class))
                .extracting(SchemaRegistryException::errorCode).isEqualTo(409);
    }

    @Test
    void givenASubjectSoftDeletedByAnotherClient_whenMedstreamsClientAsks_thenItIsGoneButItsIdsStillRead() throws Exception {
        int v1 = client().register("s-value", V1);
        client().register("s-value", V2);
        new RegistryHttp(server.url()).delete("/subjects/s-value");
        HttpSchemaRegistryClient client = client();

        assertThat(client.versions("s-value")).isEmpty();
        assertThat(client.subjects()).isEmpty();
        assertThatThrownBy(() -> client.latest("s-value")).asInstanceOf(type(SchemaNotFoundException.class))
                .extracting(SchemaRegistryException::errorCode).isEqualTo(40401);
        assertThatThrownBy(() -> client.idOf("s-value", V1)).isInstanceOf(SchemaNotFoundException.class);
        assertThat(client.getById(v1)).as("records written before the delete still deserialize").isEqualTo(V1);
        assertThat(client.testCompatibility("s-value", BREAKS_V2)).as("deleted versions are not checked").isEmpty();
        assertThat(client.register("s-value", V1)).isEqualTo(v1);
        assertThat(client.versions("s-value")).containsExactly(3);
    }
}
