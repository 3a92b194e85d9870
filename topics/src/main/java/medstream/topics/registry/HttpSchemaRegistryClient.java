package medstream.topics.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A compact client of the Confluent Schema Registry REST API (v1) on {@code java.net.http}, with
 * caches for ids and registrations (schemas are immutable once registered, so caching is safe).
 *
 * <p>Endpoints used: {@code POST /subjects/{s}/versions}, {@code POST /subjects/{s}}, {@code GET /schemas/ids/{id}},
 * {@code GET /subjects}, {@code GET /subjects/{s}/versions[/latest]},
 * {@code POST /compatibility/subjects/{s}/versions/latest?verbose=true},
 * {@code GET|PUT /config/{s}}. Errors come back as {@code {"error_code", "message"}} and are mapped to
 * {@link SchemaNotFoundException}, {@link IncompatibleSchemaException} or {@link SchemaRegistryException}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * A client that sends {@code Authorization: Basic} with every request.
     *
     * @param baseUrl  the registry's URL; credentials in it ({@code http://user:password@host:port}) are used when
     *                 {@code userInfo} is null, and removed from the URL either way
     * @param userInfo {@code user:password}, or null
     */
    public HttpSchemaRegistryClient(String baseUrl, String userInfo) {
        URI uri = URI.create(baseUrl);
        String credentials = userInfo != null ? userInfo : uri.getRawUserInfo() == null ? null
                : URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
        String url = uri.getRawUserInfo() == null ? baseUrl : baseUrl.replace(uri.getRawUserInfo() + "@", "");
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = credentials == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The URL, without credentials: they never appear in a message or log line. */
    @Override
    public String toString() {
        return "HttpSchemaRegistryClient[" + baseUrl + (authorization == null ? "" : ", basic auth") + "]";
    }

    @Override
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema;
        Integer cached = idBySubjectAndSchema.get(cacheKey);
        if (cached != null) return cached;
        JsonNode response = send("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema), subject);
        int id = response.path("id").asInt();
        idBySubjectAndSchema.put(cacheKey, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public int idOf(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema;
        Integer cached = idBySubjectAndSchema.get(cacheKey);
        if (cached != null) return cached;
        int id = send("POST", "/subjects/" + enc(subject), schemaBody(schema), subject).path("id").asInt();
        idBySubjectAndSchema.put(cacheKey, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema getById(int id) {
        return schemaById.computeIfAbsent(id, i -> {
            JsonNode response = send("GET", "/schemas/ids/" + i, null, null);
            return new Schema.Parser().parse(response.path("schema").asText());
        });
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode r = send("GET", "/subjects/" + enc(subject) + "/versions/latest", null, subject);
        Schema schema = new Schema.Parser().parse(r.path("schema").asText());
        return new RegisteredSchema(r.path("subject").asText(subject), r.path("version").asInt(), r.path("id").asInt(), schema);
    }

    @Override
    public List<Integer> versions(String subject) {
        try {
            List<Integer> out = new ArrayList<>();
            send("GET", "/subjects/" + enc(subject) + "/versions", null, subject).forEach(n -> out.add(n.asInt()));
            return out;
        } catch (SchemaNotFoundException e) {
            return List.of();
        }
    }

    @Override
    public List<String> subjects() {
        List<String> out = new ArrayList<>();
        send("GET", "/subjects", null, null).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public List<String> testCompatibility(String subject, Schema schema) {
        try {
            JsonNode r = send("POST", "/compatibility/subjects/" + enc(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema), subject);
            if (r.path("is_compatible").asBoolean(false)) return List.of();
            List<String> messages = new ArrayList<>();
            r.path("messages").forEach(m -> messages.add(m.asText()));
            return messages.isEmpty() ? List.of("incompatible (no detail from registry)") : messages;
        } catch (SchemaNotFoundException e) {
            return List.of(); // no earlier version: anything is compatible
        }
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        JsonNode r = send("GET", "/config/" + enc(subject) + "?defaultToGlobal=true", null, subject);
        String level = r.has("compatibilityLevel") ? r.path("compatibilityLevel").asText() : r.path("compatibility").asText();
        return CompatibilityLevel.valueOf(level);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        send("PUT", "/config/" + enc(subject), body.toString(), subject);
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).put("schemaType", "AVRO").toString();
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private JsonNode send(String method, String path, String body, String subject) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE);
        if (authorization != null) b.header("Authorization", authorization);
        if (body != null) {
            b.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(50001, "Schema registry at " + baseUrl + " unreachable (" + method + " " + path
                    + "): " + e.getMessage() + ". Is it running? Check --registry.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(50002, "Interrupted calling the schema registry", e);
        }
        JsonNode json;
        try {
            json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(50003, "Schema registry returned non-JSON for " + method + " " + path
                    + " (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
        if (response.statusCode() / 100 == 2) return json;
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SchemaRegistryException(json.path("error_code").asInt(response.statusCode()), "Schema registry at " + baseUrl
                    + " refused " + (authorization == null ? "a request without credentials" : "the credentials") + " (HTTP "
                    + response.statusCode() + ", " + method + " " + path + "): set schema.registry.basic.auth.user.info"
                    + " (medstream.registry.basic-auth.user-info) to user:password of a registry user allowed to do this");
        }
        int code = json.path("error_code").asInt(response.statusCode());
        String message = json.path("message").asText("HTTP " + response.statusCode());
        if (response.statusCode() == 404) throw new SchemaNotFoundException(code, message);
        if (response.statusCode() == 409) {
            throw new IncompatibleSchemaException(subject, message);
        }
        throw new SchemaRegistryException(code, message + " (" + method + " " + path + ")");
    }
}
