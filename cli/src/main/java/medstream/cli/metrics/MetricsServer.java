package medstream.cli.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import medstream.topics.http.HttpServers;

/**
 * One HTTP endpoint per process for Prometheus and an orchestrator: {@code /metrics} (Prometheus text format) and
 * {@code /health/live}, {@code /health/ready} (200 or 503, a JSON body saying why per service). Every service of the
 * process ({@code serve} runs one, {@code up} four) registers its meters through {@link #service(String)}, tagged
 * {@code service=<name>}, and its health. Port 0 picks a free port; a negative port serves nothing (the meters are
 * still kept, for tests and status lines).
 */
public final class MetricsServer implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, ServiceMeters> services = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final HttpServer http;

    private MetricsServer(int port) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
        http = port < 0 ? null : listen(port);
    }

    /**
     * Starts serving on {@code port} (0: any free port, negative: no HTTP).
     *
     * @throws UncheckedIOException when the port is taken: pick another with {@code medstream.metrics.port}
     */
    public static MetricsServer start(int port) {
        return new MetricsServer(port);
    }

    /** The port served, or -1 without HTTP. */
    public int port() {
        return http == null ? -1 : http.getAddress().getPort();
    }

    /** The meters and health of one service, replacing an earlier one of the same name (a restarted service). */
    public ServiceMeters service(String name) {
        ServiceMeters meters = new ServiceMeters(name, registry);
        ServiceMeters previous = services.put(name, meters);
        if (previous != null) previous.close();
        return meters;
    }

    /** The Prometheus text exposition of every meter, after refreshing the per-reason ones. */
    public String scrape() {
        services.values().forEach(ServiceMeters::refresh);
        return registry.scrape();
    }

    /** {@code {"status":"UP","services":{...}}} over {@code healthy}: 200 when every service passes it, else 503. */
    private Response health(Predicate<Health> healthy) {
        Map<String, Health> all = new TreeMap<>();
        services.forEach((name, meters) -> all.put(name, meters.health()));
        boolean up = !all.isEmpty() && all.values().stream().allMatch(healthy);
        String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"services\":{" + all.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue().json()).collect(Collectors.joining(",")) + "}}";
        return new Response(up ? 200 : 503, "application/json", body);
    }

    private HttpServer listen(int port) {
        try {
            HttpServer server = HttpServers.create(new InetSocketAddress(port));
            server.createContext("/metrics", ex -> answer(ex, new Response(200, "text/plain; version=0.0.4; charset=utf-8", scrape())));
            server.createContext("/health/live", ex -> answer(ex, health(Health::live)));
            server.createContext("/health/ready", ex -> answer(ex, health(Health::ready)));
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "medstream-metrics-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port + " (" + e.getMessage()
                    + "): set medstream.metrics.port to a free port, 0 for any, -1 for none", e);
        }
    }

    private record Response(int status, String contentType, String body) { }

    private static void answer(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (http != null) http.stop(0);
        services.values().forEach(ServiceMeters::close);
        gc.close();
        registry.close();
    }
}
