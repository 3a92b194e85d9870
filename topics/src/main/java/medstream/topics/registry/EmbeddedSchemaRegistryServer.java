package medstream.topics.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A small HTTP server on 127.0.0.1 that serves the subset of the Confluent Schema Registry REST API
 * that {@link HttpSchemaRegistryClient} uses, over a {@link SchemaStore}. {@code ./medstream local}
 * runs one so that the real client path (HTTP, JSON, error codes) is exercised end to end, with its schemas in
 * memory; {@code ./medstream up} runs one over a store persisted in the {@code _schemas} topic
 * ({@link KafkaSchemaJournal}), so schema ids survive a restart.
 */
public final class EmbeddedSchemaRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaStore store;
    private final String expectedAuthorization;
    private final HttpServer server;
    private final ExecutorService executor;

    private EmbeddedSchemaRegistryServer(int port, SchemaStore store, String requiredUserInfo) throws IOException {
        this.store = store;
        this.expectedAuthorization = requiredUserInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(requiredUserInfo.getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on the given port (0 picks a free one). */
    public static EmbeddedSchemaRegistryServer start(int port) throws IOException {
        return new EmbeddedSchemaRegistryServer(port, new SchemaStore(), null);
    }

    /**
     * Starts a server (in memory) that answers only requests with HTTP basic auth for {@code requiredUserInfo}
     * ({@code user:password}), and 401 to the others, as a Confluent registry with basic auth does.
     */
    public static EmbeddedSchemaRegistryServer startWithBasicAuth(int port, String requiredUserInfo) throws IOException {
        return new EmbeddedSchemaRegistryServer(port, new SchemaStore(), java.util.Objects.requireNonNull(requiredUserInfo));
    }

    /** Starts a server over {@code store} (e.g. one from {@link KafkaSchemaJournal#openStore}), which it closes on close. */
    public static EmbeddedSchemaRegistryServer start(int port, SchemaStore store) throws IOException {
        return new EmbeddedSchemaRegistryServer(port, store, null);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    @Override
    public void close() {
        SchemaRegistries.forget(url());
        server.stop(0);
        executor.shutdownNow();
        store.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        if (expectedAuthorization != null && !expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"medstream schema registry\"");
            respond(ex, 401, error(40101, "Unauthorized"));
            return;
        }
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            String[] parts = path.replaceAll("^/+|/+$", "").split("/");
            for (int i = 0; i < parts.length; i++) parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
            JsonNode body = readBody(ex);
            respond(ex, 200, route(method, parts, body));
        } catch (JsonProcessingException e) {
            // Without this the exchange closes with no response and the client reports "unreachable".
            respond(ex, 400, error(400, "Request body is not JSON: " + e.getOriginalMessage()));
        } catch (SchemaNotFoundException e) {
            respond(ex, 404, error(e.errorCode(), e.getMessage()));
        } catch (IncompatibleSchemaException e) {
            respond(ex, 409, error(409, String.join("; ", e.incompatibilities())));
        } catch (SchemaParseException | IllegalArgumentException e) {
            respond(ex, 422, error(42201, "Invalid schema or request: " + e.getMessage()));
        } catch (RuntimeException e) {
            respond(ex, 500, error(50001, e.toString()));
        }
    }

    private JsonNode route(String method, String[] p, JsonNode body) {
        int n = p.length;
        if (n == 1 && p[0].equals("subjects") && method.equals("GET")) {
            ArrayNode a = JSON.createArrayNode();
            store.subjects().forEach(a::add);
            return a;
        }
        if (n == 3 && p[0].equals("schemas") && p[1].equals("ids") && method.equals("GET")) {
            return JSON.createObjectNode().put("schema", store.getById(Integer.parseInt(p[2])).toString());
        }
        if (n == 2 && p[0].equals("subjects") && method.equals("POST")) {
            return registered(store.lookup(p[1], parse(body)));
        }
        if (n == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
            if (method.equals("POST")) return JSON.createObjectNode().put("id", store.register(p[1], parse(body)));
            List<Integer> versions = store.versions(p[1]);
            if (versions.isEmpty()) throw new SchemaNotFoundException(40401, "Subject '" + p[1] + "' not found.");
            ArrayNode a = JSON.createArrayNode();
            versions.forEach(a::add);
            return a;
        }
        if (n == 4 && p[0].equals("subjects") && p[2].equals("versions") && method.equals("GET")) {
            int version = p[3].equals("latest") ? -1 : Integer.parseInt(p[3]);
            return registered(store.version(p[1], version));
        }
        if (n == 5 && p[0].equals("compatibility") && p[1].equals("subjects") && method.equals("POST")) {
            if (store.versions(p[2]).isEmpty()) throw new SchemaNotFoundException(40401, "Subject '" + p[2] + "' not found.");
            List<String> problems = store.testCompatibility(p[2], parse(body));
            ObjectNode r = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            ArrayNode messages = r.putArray("messages");
            problems.forEach(messages::add);
            return r;
        }
        if (p[0].equals("config") && n <= 2) {
            String subject = n == 2 ? p[1] : null;
            if (method.equals("PUT")) {
                CompatibilityLevel level = CompatibilityLevel.valueOf(body.path("compatibility").asText());
                store.setCompatibility(subject, level);
                return JSON.createObjectNode().put("compatibility", level.name());
            }
            return JSON.createObjectNode().put("compatibilityLevel", store.compatibility(subject).name());
        }
        throw new SchemaNotFoundException(404, "No such endpoint: " + method + " /" + String.join("/", p));
    }

    private static Schema parse(JsonNode body) {
        if (body == null || !body.hasNonNull("schema")) throw new IllegalArgumentException("request body needs a \"schema\" field");
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) throw new IllegalArgumentException("only AVRO schemas are supported, got " + type);
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (RuntimeException e) {
            // Avro 1.12 reports an unknown type name as a NullPointerException, not a SchemaParseException:
            // either way the request is at fault (422, as Confluent answers), not the server (500).
            throw new IllegalArgumentException("not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private static ObjectNode registered(SchemaRegistryClient.RegisteredSchema r) {
        return JSON.createObjectNode().put("subject", r.subject()).put("version", r.version()).put("id", r.id())
                .put("schema", r.schema().toString());
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static JsonNode readBody(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readAllBytes();
        return bytes.length == 0 ? null : JSON.readTree(bytes);
    }

    private static void respond(HttpExchange ex, int status, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        ex.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
