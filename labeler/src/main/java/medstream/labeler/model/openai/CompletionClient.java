package medstream.labeler.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code /v1/completions} requests: at most {@code max-in-flight} at once, each attempt with the configured timeout,
 * retried with {@link RetryPolicy} on 408/429/5xx, I/O errors (refused or dropped connections, timeouts) and answers that
 * cannot be read; other 4xx fail at once. Successful answers go to the {@link CompletionCache} and are served from it
 * ever after. A request that still fails throws {@link OpenAiException} naming the URL, every attempt's failure and what
 * to check; the labeler dead-letters it with that text.
 */
final class CompletionClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionClient.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final OpenAiConfig config;
    private final RetryPolicy retry;
    private final CompletionCache cache;
    private final DoubleSupplier random;
    private final HttpClient http;
    private final ExecutorService inFlight;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    CompletionClient(OpenAiConfig config, RetryPolicy retry, CompletionCache cache, DoubleSupplier random) {
        this.config = config;
        this.retry = retry;
        this.cache = cache;
        this.random = random;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        // The bound on open requests: each thread has at most one.
        int n = CLIENTS.incrementAndGet();
        this.inFlight = Executors.newFixedThreadPool(config.maxInFlight(), r -> {
            Thread t = new Thread(r, "openai-completions-" + n);
            t.setDaemon(true);
            return t;
        });
    }

    CompletionClient(OpenAiConfig config) {
        this(config, RetryPolicy.of(config.maxRetries()), new CompletionCache(config.cacheDir()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Answers every request, in order, at most {@code max-in-flight} at a time; the first failure is thrown after all ended. */
    List<Completion> completeAll(List<ObjectNode> requests) {
        List<Future<Completion>> futures = new ArrayList<>(requests.size());
        for (ObjectNode r : requests) futures.add(inFlight.submit(() -> complete(r)));
        List<Completion> out = new ArrayList<>(requests.size());
        RuntimeException first = null;
        for (Future<Completion> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                if (first == null) first = e.getCause() instanceof RuntimeException re ? re : new OpenAiException(e.getCause().toString(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new OpenAiException("interrupted while waiting for " + config.endpoint("completions"), e);
            }
        }
        if (first != null) throw first;
        return out;
    }

    /** One request: from the cache, else from the server with retries. */
    Completion complete(ObjectNode request) {
        String key = CompletionCache.key(config.model(), request.path("prompt").asText(), CompletionJson.parameters(request));
        var hit = cache.get(key);
        if (hit.isPresent()) {
            try {
                Completion c = CompletionJson.parse(hit.get());
                cacheHits.incrementAndGet();
                return c;
            } catch (CompletionJson.MalformedAnswer e) {
                LOG.warn("Ignoring the unreadable cache entry {} ({}); asking the server again", key, e.getMessage());
            }
        }
        String body = exchange("completions", request.toString(), true);
        Completion c = CompletionJson.parse(body);
        cache.put(key, body);
        return c;
    }

    /** GET {@code <baseUrl>/<path>} as JSON, with retries. */
    JsonNode get(String path) {
        try {
            return CompletionJson.JSON.readTree(exchange(path, null, false));
        } catch (IOException e) {
            throw new OpenAiException("GET " + config.endpoint(path) + " did not answer JSON: " + e.getMessage(), e);
        }
    }

    /** Sends until a 200 whose body is readable (for completions) or the retries are spent. */
    private String exchange(String path, String json, boolean completion) {
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            Duration retryAfter = null;
            try {
                sent.incrementAndGet();
                HttpResponse<String> res = http.send(request(path, json), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (res.statusCode() == 200) {
                    if (completion) CompletionJson.parse(res.body()); // Unreadable answers are retried, not cached.
                    return res.body();
                }
                failures.add("HTTP " + res.statusCode() + " " + abbreviate(res.body()));
                if (!RetryPolicy.isRetryable(res.statusCode())) break;
                retryAfter = res.headers().firstValue("Retry-After").map(CompletionClient::seconds).orElse(null);
            } catch (IOException | CompletionJson.MalformedAnswer e) {
                failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenAiException("interrupted while calling " + config.endpoint(path), e);
            }
            if (!retry.mayRetry(attempt)) break;
            Duration wait = retry.backoff(attempt, retryAfter, random);
            retries.incrementAndGet();
            LOG.debug("{} attempt {} failed ({}); retrying in {} ms", config.endpoint(path), attempt + 1, failures.get(failures.size() - 1),
                    wait.toMillis());
            if (!sleep(wait)) throw new OpenAiException("interrupted while backing off from " + config.endpoint(path), null);
        }
        throw new OpenAiException((json == null ? "GET " : "POST ") + config.endpoint(path) + " failed after " + failures.size()
                + " attempt(s): " + String.join("; ", failures) + ". Check that the server is up and serves model '" + config.model()
                + "', or raise " + OpenAiConfig.MAX_RETRIES.key() + " / " + OpenAiConfig.TIMEOUT_MS.key(), null);
    }

    private HttpRequest request(String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(config.endpoint(path)).timeout(config.timeout());
        if (!config.apiKey().isEmpty()) b.header("Authorization", "Bearer " + config.apiKey());
        if (json == null) return b.GET().build();
        return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Retry-After in seconds (the HTTP-date form is ignored: the backoff applies). */
    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 160 ? one : one.substring(0, 160) + "...";
    }

    /** Attempts sent to the server (first tries and retries). */
    long sent() { return sent.get(); }

    /** Requests answered from the cache. */
    long cacheHits() { return cacheHits.get(); }

    /** Retries made. */
    long retries() { return retries.get(); }

    @Override
    public void close() {
        inFlight.shutdownNow();
    }
}
