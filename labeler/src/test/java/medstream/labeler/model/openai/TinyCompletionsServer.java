package medstream.labeler.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An OpenAI-compatible completions server in the test JVM over a project checkpoint (the tiny model): {@code POST
 * /v1/completions} answered by {@link TinyCompletions} in vLLM's JSON shape, {@code GET /v1/models} with
 * {@code max_model_len}. Faults can be scripted for the next requests, or for every request whose prompt has a marker;
 * counters say what was received, faulted and answered.
 */
public final class TinyCompletionsServer implements AutoCloseable {
    /** What a request meets instead of an answer. */
    public enum Fault {
        /** 429 with {@code Retry-After: 1}. */
        RATE_LIMIT,
        /** 500. */
        SERVER_ERROR,
        /** 400 (not retryable). */
        BAD_REQUEST,
        /** An answer after {@link #SLOW_MS}, beyond the client's timeout. */
        SLOW,
        /** Headers promise a body the server never finishes: the connection drops mid-answer. */
        DROP,
        /** 200 with a body that is not JSON. */
        MALFORMED
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final TinyCompletions model;
    private final String modelName;
    private final Queue<Fault> script = new ConcurrentLinkedQueue<>();
    private final Map<String, Fault> markers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answeredByPrompt = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();
    /** How long a SLOW fault waits before answering: beyond the tests' client timeouts. */
    private static final long SLOW_MS = 2_000;

    /** Serves the checkpoint in {@code dir} as {@code modelName} on a free local port. */
    public TinyCompletionsServer(Path dir, String modelName) throws IOException {
        this.modelName = modelName;
        this.model = new TinyCompletions(dir, modelName);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/completions", this::completions);
        server.createContext("/v1/models", this::models);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The next requests meet these faults, one each, in order. */
    public void script(Fault... faults) {
        script.addAll(Arrays.asList(faults));
    }

    /** Every request whose prompt contains {@code marker} meets {@code fault}. */
    public void failWhenPromptContains(String marker, Fault fault) {
        markers.put(marker, fault);
    }

    /** Completion requests received, faulted or not. */
    public int received() { return received.get(); }

    /** Requests that met a fault. */
    public int faulted() { return faulted.get(); }

    /** Successful answers given for prompts containing {@code part}. */
    public int answeredContaining(String part) {
        return answeredByPrompt.entrySet().stream().filter(e -> e.getKey().contains(part)).mapToInt(e -> e.getValue().get()).sum();
    }

    private void completions(HttpExchange ex) throws IOException {
        received.incrementAndGet();
        try {
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            String prompt = req.path("prompt").asText();
            Fault fault = script.poll();
            if (fault == null) {
                fault = markers.entrySet().stream().filter(e -> prompt.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (fault != null && fault != Fault.SLOW) {
                faulted.incrementAndGet();
                fail(ex, fault);
                return;
            }
            if (fault == Fault.SLOW) {
                faulted.incrementAndGet();
                LockSupport.parkNanos(SLOW_MS * 1_000_000);
            }
            if (!modelName.equals(req.path("model").asText())) {
                send(ex, 404, "{\"object\":\"error\",\"message\":\"The model `" + req.path("model").asText() + "` does not exist.\"}");
                return;
            }
            String body = model.answer(req, received.get()).toString();
            send(ex, 200, body);
            answeredByPrompt.computeIfAbsent(prompt, k -> new AtomicInteger()).incrementAndGet();
        } catch (IOException e) {
            // The client gave up (its timeout): nothing to answer.
        } catch (RuntimeException e) {
            // A server error says why, as a real server's 500 would, instead of a dropped connection.
            System.err.println("TinyCompletionsServer: " + e);
            send(ex, 500, JSON.createObjectNode().put("object", "error").put("message", String.valueOf(e)).toString());
        } finally {
            ex.close();
        }
    }

    private void models(HttpExchange ex) throws IOException {
        try {
            ObjectNode card = JSON.createObjectNode().put("id", modelName).put("object", "model").put("max_model_len", model.contextLength());
            send(ex, 200, JSON.createObjectNode().put("object", "list").set("data", JSON.createArrayNode().add(card)).toString());
        } finally {
            ex.close();
        }
    }

    private void fail(HttpExchange ex, Fault fault) throws IOException {
        switch (fault) {
            case RATE_LIMIT -> {
                ex.getResponseHeaders().add("Retry-After", "1");
                send(ex, 429, "{\"error\":\"rate limited\"}");
            }
            case SERVER_ERROR -> send(ex, 500, "{\"error\":\"internal\"}");
            case BAD_REQUEST -> send(ex, 400, "{\"error\":\"bad request\"}");
            case MALFORMED -> send(ex, 200, "{\"choices\": [ {\"text\": ");
            case DROP -> {
                ex.sendResponseHeaders(200, 10_000);
                OutputStream out = ex.getResponseBody();
                out.write("{\"choices\"".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // Closing short of the promised length drops the connection.
            }
            default -> throw new IllegalStateException(fault.name());
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        model.close();
    }
}
