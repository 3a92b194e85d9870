package medstream.labeler.model.openai;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.GenerationParams;
import medstream.lm.ModelDirectory;
import medstream.lm.model.CausalLm;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * An OpenAI-compatible completions server in the test JVM over a project checkpoint (the tiny model): {@code POST
 * /v1/completions} with {@code echo}/{@code logprobs} (every prompt token's log-probability from one forward pass, BOS
 * first as the in-process model does), generation, and {@code structured_outputs.choice}, {@code GET /v1/models} with {@code max_model_len}, answers in
 * vLLM's JSON shape. Faults can be scripted for the next requests, or for every request whose prompt has a marker.
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
        /** An answer after {@link #slowMs}, beyond the client's timeout. */
        SLOW,
        /** Headers promise a body the server never finishes: the connection drops mid-answer. */
        DROP,
        /** 200 with a body that is not JSON. */
        MALFORMED
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ModelDirectory.Loaded loaded;
    private final CausalLm lm;
    private final TextTokenizer tokenizer;
    private final DjlLabelingModel generator;
    private final String modelName;
    private final Queue<Fault> script = new ConcurrentLinkedQueue<>();
    private final Map<String, Fault> markers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answeredByPrompt = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();
    private volatile long slowMs = 2_000;

    /** Serves the checkpoint in {@code dir} as {@code modelName} on a free local port. */
    public TinyCompletionsServer(Path dir, String modelName) throws IOException {
        this.modelName = modelName;
        this.loaded = ModelDirectory.open(dir, Device.cpu());
        this.lm = (CausalLm) loaded.model();
        this.tokenizer = loaded.tokenizer();
        this.generator = new DjlLabelingModel(lm, tokenizer, modelName, "cpu");
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

    public void slowMs(long ms) {
        slowMs = ms;
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
                LockSupport.parkNanos(slowMs * 1_000_000);
            }
            if (!modelName.equals(req.path("model").asText())) {
                send(ex, 404, "{\"object\":\"error\",\"message\":\"The model `" + req.path("model").asText() + "` does not exist.\"}");
                return;
            }
            String body = answer(req, prompt).toString();
            send(ex, 200, body);
            answeredByPrompt.computeIfAbsent(prompt, k -> new AtomicInteger()).incrementAndGet();
        } catch (IOException e) {
            // The client gave up (its timeout): nothing to answer.
        } finally {
            ex.close();
        }
    }

    private ObjectNode answer(JsonNode req, String prompt) {
        int maxTokens = req.path("max_tokens").asInt(16);
        boolean echo = req.path("echo").asBoolean(false);
        ObjectNode choice = JSON.createObjectNode();
        choice.put("index", 0);
        synchronized (lm) {
            if (echo) {
                echoWithLogprobs(prompt, maxTokens, choice);
            } else if (req.path("structured_outputs").path("choice").isArray()) {
                choice.put("text", likeliestChoice(prompt, req.path("structured_outputs").path("choice")));
                choice.putNull("logprobs");
            } else {
                GenerationParams p = new GenerationParams(maxTokens, req.path("temperature").asDouble(0.0), req.path("top_k").asInt(0),
                        req.path("seed").asLong(0), "", true);
                choice.put("text", generator.generate(java.util.List.of(prompt), p).get(0));
                choice.putNull("logprobs");
            }
        }
        choice.put("finish_reason", "length");
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "cmpl-" + received.get());
        root.put("object", "text_completion");
        root.put("model", modelName);
        root.set("choices", JSON.createArrayNode().add(choice));
        return root;
    }

    /** The prompt's tokens (BOS first) with their log-probabilities, plus one greedy token when max_tokens > 0. */
    private void echoWithLogprobs(String prompt, int maxTokens, ObjectNode choice) {
        int[] body = tokenizer.encode(prompt);
        int[] ids = new int[body.length + (maxTokens > 0 ? 2 : 1)];
        ids[0] = tokenizer.bosId();
        System.arraycopy(body, 0, ids, 1, body.length);
        int promptLen = body.length + 1;
        float[][] logits = lm.logits(Arrays.copyOf(ids, promptLen));
        if (maxTokens > 0) ids[promptLen] = argmax(logits[promptLen - 1]);
        ArrayNode tokens = JSON.createArrayNode();
        ArrayNode logprobs = JSON.createArrayNode();
        ArrayNode offsets = JSON.createArrayNode();
        ArrayNode top = JSON.createArrayNode();
        for (int i = 0; i < ids.length; i++) {
            // The BOS is not text: it renders empty, as vLLM's detokenizer skips special tokens.
            tokens.add(i == 0 ? "" : tokenizer.decode(new int[] {ids[i]}, true));
            String before = tokenizer.decode(Arrays.copyOfRange(ids, 1, Math.max(1, i)), true);
            offsets.add(i == 0 ? 0 : before.codePointCount(0, before.length()));
            if (i == 0) {
                logprobs.addNull();
                top.addNull();
                continue;
            }
            double[] lp = logSoftmax(logits[i - 1]);
            logprobs.add(lp[ids[i]]);
            int best = argmax(logits[i - 1]);
            top.add(JSON.createObjectNode().put(tokenizer.decode(new int[] {best}, true), lp[best]));
        }
        ObjectNode lp = JSON.createObjectNode();
        lp.set("tokens", tokens);
        lp.set("token_logprobs", logprobs);
        lp.set("text_offset", offsets);
        lp.set("top_logprobs", top);
        choice.put("text", tokenizer.decode(Arrays.copyOfRange(ids, 1, ids.length), true));
        choice.set("logprobs", lp);
    }

    /**
     * {@code structured_outputs.choice}, greedily: the choice with the highest log-likelihood right after the prompt (each
     * encoded on its own, as the in-process scorer does). Sampling among the choices is not imitated.
     */
    private String likeliestChoice(String prompt, JsonNode choices) {
        int[] body = tokenizer.encode(prompt);
        String best = null;
        double bestLogProb = Double.NEGATIVE_INFINITY;
        for (JsonNode c : choices) {
            int[] option = tokenizer.encode(c.asText());
            int[] ids = new int[1 + body.length + option.length];
            ids[0] = tokenizer.bosId();
            System.arraycopy(body, 0, ids, 1, body.length);
            System.arraycopy(option, 0, ids, 1 + body.length, option.length);
            float[][] logits = lm.logits(ids);
            double sum = 0;
            for (int i = 1 + body.length; i < ids.length; i++) sum += logSoftmax(logits[i - 1])[ids[i]];
            if (sum > bestLogProb) {
                bestLogProb = sum;
                best = c.asText();
            }
        }
        return best;
    }

    private static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        double logZ = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) out[i] = logits[i] - logZ;
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private void models(HttpExchange ex) throws IOException {
        try {
            ObjectNode card = JSON.createObjectNode().put("id", modelName).put("object", "model").put("max_model_len", lm.contextLength());
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
        generator.close();
    }
}
