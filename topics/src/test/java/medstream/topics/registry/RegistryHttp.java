package medstream.topics.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain {@code java.net.http} calls against a registry, as {@code curl} or a non-Java Confluent client makes them. */
final class RegistryHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A reply: status, content type and the body as JSON (a JSON string node when the body is not JSON). */
    record Reply(int status, String contentType, JsonNode json) {
        int errorCode() { return json.path("error_code").asInt(); }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RegistryHttp(String baseUrl) { this.baseUrl = baseUrl; }

    /** The body of {@code POST /subjects/{s}/versions} and friends for an Avro schema. */
    static String schemaBody(String schema) { return JSON.createObjectNode().put("schema", schema).toString(); }

    Reply call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.getNodeFactory().textNode(response.body());
        }
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
    }

    Reply get(String path) throws IOException, InterruptedException { return call("GET", path, null); }

    Reply delete(String path) throws IOException, InterruptedException { return call("DELETE", path, null); }

    /** Registers an Avro schema and returns its id; fails the test on any other answer than 200. */
    int register(String subject, String schema) throws IOException, InterruptedException {
        Reply r = call("POST", "/subjects/" + subject + "/versions", schemaBody(schema));
        if (r.status() != 200) throw new AssertionError("registering under " + subject + " answered " + r);
        return r.json().path("id").asInt();
    }
}
