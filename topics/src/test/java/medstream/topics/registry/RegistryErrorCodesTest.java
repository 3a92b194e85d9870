package medstream.topics.registry;

import static medstream.topics.registry.RegistryEndpointsTest.OTHER;
import static medstream.topics.registry.RegistryEndpointsTest.V1;
import static medstream.topics.registry.RegistryEndpointsTest.V2;
import static medstream.topics.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import medstream.topics.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per error of each endpoint: the HTTP status, Confluent's {@code error_code} (its
 * {@code rest.exceptions.Errors}), a message and the registry's content type. No request here changes the registry, so
 * the rows share one server with the fixture of {@link RegistryEndpointsTest}.
 */
class RegistryErrorCodesTest {
    private static EmbeddedSchemaRegistryServer server;
    private static RegistryHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedSchemaRegistryServer.start(0);
        http = new RegistryHttp(server.url());
        http.register("s-value", V1);
        http.register("s-value", V2);
        http.register("gone-value", OTHER);
        RegistryEndpointsTest.registerDeletedSubjects(http);
    }

    /** Runs after every row: a refused request must have changed nothing (no version, level or delete half-applied). */
    @AfterAll
    static void thenTheFixtureIsUnchangedAndStop() throws Exception {
        try {
            assertThat(http.get("/subjects?deleted=true").json().toString()).isEqualTo("[\"gone-value\",\"half-value\",\"s-value\"]");
            assertThat(http.get("/subjects/s-value/versions?deleted=true").json().toString()).isEqualTo("[1,2]");
            assertThat(http.get("/subjects/half-value/versions?deleted=true").json().toString()).isEqualTo("[1,2]");
            assertThat(http.get("/config").json().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        } finally {
            server.close();
        }
    }

    static Stream<Arguments> errors() {
        String bad = schemaBody("{\"type\":\"recordd\"}");
        String breaking = schemaBody("{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        return Stream.of(
                Arguments.of("GET", "/schemas/ids/999", null, 404, 40403),
                Arguments.of("GET", "/schemas/ids/999/schema", null, 404, 40403),
                Arguments.of("GET", "/schemas/ids/999/subjects", null, 404, 40403),
                Arguments.of("GET", "/schemas/ids/999/versions", null, 404, 40403),
                Arguments.of("GET", "/schemas/ids/abc", null, 404, 404),
                Arguments.of("GET", "/subjects/nobody-value/versions", null, 404, 40401),
                Arguments.of("GET", "/subjects/gone-value/versions", null, 404, 40401),
                Arguments.of("GET", "/subjects/nobody-value/versions/1", null, 404, 40401),
                Arguments.of("GET", "/subjects/gone-value/versions/latest", null, 404, 40401),
                Arguments.of("GET", "/subjects/s-value/versions/99", null, 404, 40402),
                Arguments.of("GET", "/subjects/half-value/versions/1", null, 404, 40402),
                Arguments.of("GET", "/subjects/s-value/versions/abc", null, 422, 42202),
                Arguments.of("GET", "/subjects/s-value/versions/0", null, 422, 42202),
                Arguments.of("GET", "/subjects/s-value/versions/99/schema", null, 404, 40402),
                Arguments.of("GET", "/subjects/s-value/versions/99/referencedby", null, 404, 40402),
                Arguments.of("GET", "/subjects/s-value/metadata?key=owner&value=team-a", null, 404, 40403),
                Arguments.of("GET", "/subjects/gone-value/metadata", null, 404, 40401),
                Arguments.of("POST", "/subjects/nobody-value", schemaBody(V1), 404, 40401),
                Arguments.of("POST", "/subjects/s-value", schemaBody(OTHER), 404, 40403),
                Arguments.of("POST", "/subjects/s-value", bad, 422, 42201),
                Arguments.of("POST", "/subjects/s-value/versions", bad, 422, 42201),
                Arguments.of("POST", "/subjects/s-value/versions", "{\"schemaType\":\"AVRO\"}", 422, 42201),
                Arguments.of("POST", "/subjects/s-value/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}", 422, 42201),
                Arguments.of("POST", "/subjects/s-value/versions", null, 422, 422),
                Arguments.of("POST", "/subjects/s-value/versions", "not json", 400, 400),
                Arguments.of("POST", "/subjects/s-value/versions", breaking, 409, 409),
                Arguments.of("DELETE", "/subjects/nobody-value", null, 404, 40401),
                Arguments.of("DELETE", "/subjects/gone-value", null, 404, 40404),
                Arguments.of("DELETE", "/subjects/s-value?permanent=true", null, 404, 40405),
                Arguments.of("DELETE", "/subjects/nobody-value/versions/1", null, 404, 40401),
                Arguments.of("DELETE", "/subjects/s-value/versions/99", null, 404, 40402),
                Arguments.of("DELETE", "/subjects/s-value/versions/abc", null, 422, 42202),
                Arguments.of("DELETE", "/subjects/half-value/versions/1", null, 404, 40406),
                Arguments.of("DELETE", "/subjects/s-value/versions/1?permanent=true", null, 404, 40407),
                Arguments.of("POST", "/compatibility/subjects/s-value/versions/99", schemaBody(V1), 404, 40402),
                Arguments.of("POST", "/compatibility/subjects/nobody-value/versions/1", schemaBody(V1), 404, 40402),
                Arguments.of("POST", "/compatibility/subjects/half-value/versions/1", schemaBody(OTHER), 404, 40402),
                Arguments.of("POST", "/compatibility/subjects/s-value/versions/abc", schemaBody(V1), 422, 42202),
                Arguments.of("POST", "/compatibility/subjects/s-value/versions/latest", bad, 422, 42201),
                Arguments.of("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}", 422, 42203),
                Arguments.of("PUT", "/config", "{}", 422, 42203),
                Arguments.of("PUT", "/config", null, 422, 422),
                Arguments.of("PUT", "/config/s-value", "{\"compatibility\":\"SIDEWAYS\"}", 422, 42203),
                Arguments.of("GET", "/config/s-value", null, 404, 40408),
                Arguments.of("DELETE", "/config/s-value", null, 404, 40401),
                Arguments.of("GET", "/mode/s-value", null, 404, 40409),
                Arguments.of("PUT", "/mode", "{\"mode\":\"SIDEWAYS\"}", 422, 42204),
                Arguments.of("PUT", "/mode", "{\"mode\":\"READONLY\"}", 422, 42205),
                Arguments.of("GET", "/no/such/endpoint", null, 404, 404),
                Arguments.of("PUT", "/subjects", null, 405, 405));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} / {4}")
    @MethodSource("errors")
    void givenTheFixture_whenARequestCannotBeServed_thenConfluentsStatusAndErrorCodeWithAMessage(
            String method, String path, String body, int status, int errorCode) throws Exception {
        Reply reply = http.call(method, path, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(errorCode);
        assertThat(reply.json().path("message").asText()).isNotBlank();
        assertThat(reply.contentType()).isEqualTo(RegistryEndpointsTest.TYPE);
    }
}
