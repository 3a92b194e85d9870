package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import medstream.topics.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.Test;

/**
 * The embedded server at the HTTP level, as a Confluent client or {@code curl} sees it: JSON bodies,
 * status codes and {@code error_code}s of the Confluent REST API, including for bad requests.
 */
class EmbeddedSchemaRegistryServerTest {
    private static final ObjectMapper JSON = RegistryHttp.JSON;
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";

    private EmbeddedSchemaRegistryServer server;

    @BeforeEach
    void start() throws IOException { server = EmbeddedSchemaRegistryServer.start(0); }

    @AfterEach
    void stop() { server.close(); }

    @Test
    void givenASchema_whenRegisteredAndLookedUp_thenTheConfluentResponseShapes() throws Exception {
        Reply registered = call("POST", "/subjects/medstream.s-value/versions", body(SCHEMA));
        int id = registered.json().path("id").asInt();

        Reply byId = call("GET", "/schemas/ids/" + id, null);
        Reply latest = call("GET", "/subjects/medstream.s-value/versions/latest", null);
        Reply subjects = call("GET", "/subjects", null);
        Reply config = call("GET", "/config", null);

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(id).isPositive();
        assertThat(JSON.readTree(byId.json().path("schema").asText())).isEqualTo(JSON.readTree(SCHEMA));
        assertThat(latest.json().path("subject").asText()).isEqualTo("medstream.s-value");
        assertThat(latest.json().path("version").asInt()).isEqualTo(1);
        assertThat(latest.json().path("id").asInt()).isEqualTo(id);
        assertThat(subjects.json().toString()).isEqualTo("[\"medstream.s-value\"]");
        assertThat(config.json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void givenUnknownIdsAndSubjects_whenRequested_then404WithConfluentErrorCodes() throws Exception {
        Reply id = call("GET", "/schemas/ids/999", null);
        Reply subject = call("GET", "/subjects/nobody-value/versions/latest", null);

        assertThat(id.status()).isEqualTo(404);
        assertThat(id.json().path("error_code").asInt()).isEqualTo(40403);
        assertThat(subject.status()).isEqualTo(404);
        assertThat(subject.json().path("error_code").asInt()).isEqualTo(40401);
        assertThat(subject.json().path("message").asText()).contains("nobody-value");
    }

    @Test
    void givenABodyThatIsNotJson_whenPosted_then400WithAMessageRatherThanAnEmptyReply() throws Exception {
        Reply reply = call("POST", "/subjects/medstream.s-value/versions", "not json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).contains("not JSON");
    }

    @Test
    void givenAnInvalidAvroSchema_whenPosted_then422InvalidSchemaRatherThanAServerError() throws Exception {
        Reply unknownType = call("POST", "/subjects/medstream.s-value/versions", body("{\"type\":\"recordd\"}"));
        Reply brokenJson = call("POST", "/subjects/medstream.s-value/versions", body("{\"type\":\"record\""));

        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(unknownType.json().path("error_code").asInt()).isEqualTo(42201);
        assertThat(brokenJson.status()).isEqualTo(422);
        assertThat(brokenJson.json().path("error_code").asInt()).isEqualTo(42201);
        assertThat(call("GET", "/subjects", null).json()).isEmpty();
    }

    @Test
    void givenAnIncompatibleSchema_whenPosted_then409AndTheCompatibilityEndpointExplains() throws Exception {
        call("POST", "/subjects/medstream.s-value/versions", body(SCHEMA));
        String breaking = "{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";

        Reply refused = call("POST", "/subjects/medstream.s-value/versions", body(breaking));
        Reply check = call("POST", "/compatibility/subjects/medstream.s-value/versions/latest?verbose=true", body(breaking));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error_code").asInt()).isEqualTo(409);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(check.json().path("messages").get(0).asText()).contains("TYPE_MISMATCH");
    }

    @Test
    void givenSubjectNamesWithPlusSlashAndSpace_whenPercentEncodedOrNot_thenEachIsOneSubjectSpelledAsRegistered() throws Exception {
        call("POST", "/subjects/a+b-value/versions", body(SCHEMA));
        call("POST", "/subjects/c%2Fd%20e-value/versions", body(SCHEMA));

        assertThat(call("GET", "/subjects/a%2Bb-value/versions", null).json().toString()).isEqualTo("[1]");
        assertThat(call("GET", "/subjects", null).json().toString()).isEqualTo("[\"a+b-value\",\"c/d e-value\"]");
    }

    private static String body(String schema) { return RegistryHttp.schemaBody(schema); }

    private Reply call(String method, String path, String body) throws Exception {
        return new RegistryHttp(server.url()).call(method, path, body);
    }
}
