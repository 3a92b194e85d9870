package medstream.cli.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Chrome DevTools Protocol session over the JDK's WebSocket client: {@link #call} sends a command and waits for
 * its answer; every event goes to the listener given at connect time. No dependency beyond the JDK and Jackson.
 */
final class CdpConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private CdpConnection(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to a target's {@code webSocketDebuggerUrl}; {@code onEvent} gets each event's method and params. */
    static CdpConnection open(URI webSocketUrl, EventListener onEvent, Duration timeout) throws IOException {
        Receiver receiver = new Receiver(onEvent);
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(webSocketUrl, receiver).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            CdpConnection c = new CdpConnection(ws);
            receiver.owner = c;
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while connecting to " + webSocketUrl, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Cannot connect to Chromium's DevTools at " + webSocketUrl + ": " + e, e);
        }
    }

    /** What to do with an event. */
    interface EventListener {
        void onEvent(String method, JsonNode params);
    }

    /** Sends a command and returns its {@code result}; a protocol error becomes an IOException naming the command. */
    JsonNode call(String method, Map<String, ?> params, Duration timeout) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) throw new IOException(method + " failed: " + reply.get("error"));
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted during " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(method + " got no answer within " + timeout + ": " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private void dispatch(String text, EventListener events) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.get(m.get("id").asInt());
                if (f != null) f.complete(m);
            } else {
                events.onEvent(m.path("method").asText(), m.path("params"));
            }
        } catch (IOException e) {
            events.onEvent("medstream.unreadableMessage", JSON.createObjectNode().put("error", e.toString()));
        }
    }

    @Override
    public void close() {
        socket.abort(); // the browser is killed right after; a polite close handshake would only wait
    }

    /** Joins the frames of a message (a screenshot arrives in many) and hands complete messages on. */
    private static final class Receiver implements WebSocket.Listener {
        private final EventListener events;
        private final StringBuilder partial = new StringBuilder();
        private volatile CdpConnection owner;

        Receiver(EventListener events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (owner != null) owner.dispatch(text, events);
            }
            ws.request(1);
            return null;
        }
    }
}
