package medstream.topics.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import medstream.topics.http.HttpServers;

/**
 * A small HTTP server on 127.0.0.1 that answers the Confluent Schema Registry REST API as Confluent's registry does
 * (endpoints in {@link RegistryRoutes}: subjects, versions, soft and permanent deletes, compatibility, config, mode),
 * over a {@link SchemaStore}. {@code ./medstream local}
 * runs one so that the real client path (HTTP, JSON, error codes) is exercised end to end, with its schemas in
 * memory; {@code ./medstream up} runs one over a store persisted in the {@code _schemas} topic
 * ({@link KafkaSchemaJournal}), so schema ids survive a restart.
 */
public final class EmbeddedSchemaRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaStore store;
    private final RestRouter router;
    private final String expectedAuthorization;
    private final HttpServer server;
    private final ExecutorService executor;

    private EmbeddedSchemaRegistryServer(int port, SchemaStore store, String requiredUserInfo) throws IOException {
        this.store = store;
        this.router = RegistryRoutes.router(store);
        this.expectedAuthorization = requiredUserInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(requiredUserInfo.getBytes(StandardCharsets.UTF_8));
        server = HttpServers.create(new InetSocketAddress("127.0.0.1", port));
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
            List<String> segments = new ArrayList<>();
            for (String part : ex.getRequestURI().getRawPath().split("/")) {
                // A '+' in a path is a plus (URLDecoder would read it as a form's space): subject "a+b" stays "a+b".
                if (!part.isEmpty()) segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            JsonNode reply = router.dispatch(ex.getRequestMethod(), segments, query(ex.getRequestURI().getRawQuery()), readBody(ex));
            respond(ex, 200, reply);
        } catch (JsonProcessingException e) {
            // Without this the exchange closes with no response and the client reports "unreachable".
            respond(ex, 400, error(400, "Request body is not JSON: " + e.getOriginalMessage()));
        } catch (SchemaRegistryException e) {
            respond(ex, RegistryErrors.httpStatus(e.errorCode()), error(e.errorCode(), e.getMessage()));
        } catch (RuntimeException e) {
            respond(ex, 500, error(RegistryErrors.STORE_ERROR, e.toString()));
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) return query;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
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
