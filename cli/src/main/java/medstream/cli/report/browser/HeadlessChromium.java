package medstream.cli.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools Protocol: opens a page, collects console errors, uncaught exceptions
 * and error log entries, checks that every section exists and every chart drew marks, and takes a full-page
 * screenshot. Each instance runs its own browser with a fresh profile, no network services and no sandbox (CI
 * containers run as root); {@link #close} kills it and removes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Debian's chromium package. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int VIEWPORT_WIDTH = 1280;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs in the page; returns JSON: sections missing, charts whose marks have an empty bounding box. */
    private static final String CHECK_SCRIPT = """
            (ids => {
              const missing = ids.filter(id => !document.getElementById(id));
              const charts = [...document.querySelectorAll('svg[data-chart]')];
              const empty = charts.filter(svg => {
                const box = svg.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) return true;
                return ![...svg.querySelectorAll('.mark')].some(m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; });
              }).map(svg => svg.dataset.chart);
              return JSON.stringify({missing, empty, charts: charts.length});
            })(%s)""";

    private final Process process;
    private final Path profile;
    private final int port;

    private HeadlessChromium(Process process, Path profile, int port) {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    /** Starts the browser and waits until its DevTools endpoint is up. */
    public static HeadlessChromium start(Path binary) throws IOException {
        Path profile = Files.createTempDirectory("medstream-chromium-");
        Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        HeadlessChromium browser = null;
        try {
            browser = new HeadlessChromium(p, profile, awaitPort(p, profile));
            return browser;
        } finally {
            if (browser == null) kill(p, profile);
        }
    }

    /** Chromium writes the port it chose to {@code <profile>/DevToolsActivePort} once it listens. */
    private static int awaitPort(Process p, Path profile) throws IOException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IOException("Chromium exited with " + p.exitValue() + " at start: " + log(profile));
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) return Integer.parseInt(lines.get(0).trim());
            }
            try {
                Thread.sleep(100); // polling a file the browser writes; nothing to block on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while Chromium started", e);
            }
        }
        throw new IOException("Chromium did not open its DevTools port within " + TIMEOUT + ": " + log(profile));
    }

    /**
     * Opens {@code page} in a new tab, waits for it to load, then checks it.
     *
     * @param sectionIds element ids the page must have
     */
    public PageCheck check(Path page, List<String> sectionIds) throws IOException {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        try (CdpConnection cdp = CdpConnection.open(newTab(), (method, params) -> {
            switch (method) {
                case "Page.loadEventFired" -> loaded.complete(null);
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(params.path("type").asText())) problems.add("console error: " + params.path("args"));
                }
                case "Runtime.exceptionThrown" -> problems.add("uncaught exception: " + params.path("exceptionDetails"));
                case "Log.entryAdded" -> {
                    if ("error".equals(params.path("entry").path("level").asText())) {
                        problems.add("log error: " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText());
                    }
                }
                default -> { }
            }
        }, TIMEOUT)) {
            cdp.call("Runtime.enable", Map.of(), TIMEOUT);
            cdp.call("Log.enable", Map.of(), TIMEOUT);
            cdp.call("Page.enable", Map.of(), TIMEOUT);
            cdp.call("Emulation.setDeviceMetricsOverride", Map.of("width", VIEWPORT_WIDTH, "height", 900, "deviceScaleFactor", 1, "mobile", false), TIMEOUT);
            JsonNode nav = cdp.call("Page.navigate", Map.of("url", page.toAbsolutePath().toUri().toString()), TIMEOUT);
            if (nav.has("errorText")) problems.add("navigation failed: " + nav.get("errorText").asText());
            await(loaded, "the load event of " + page);
            JsonNode result = cdp.call("Runtime.evaluate", Map.of("expression", String.format(Locale.ROOT, CHECK_SCRIPT,
                    JSON.writeValueAsString(sectionIds)), "returnByValue", true), TIMEOUT);
            JsonNode found = JSON.readTree(result.path("result").path("value").asText("{}"));
            found.path("missing").forEach(id -> problems.add("section missing: #" + id.asText()));
            found.path("empty").forEach(id -> problems.add("chart did not render: " + id.asText()));
            byte[] png = screenshot(cdp);
            synchronized (problems) {
                return new PageCheck(List.copyOf(problems), found.path("charts").asInt(), png);
            }
        }
    }

    /** The whole page, not only the viewport. */
    private static byte[] screenshot(CdpConnection cdp) throws IOException {
        JsonNode size = cdp.call("Page.getLayoutMetrics", Map.of(), TIMEOUT).path("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", Math.max(VIEWPORT_WIDTH, size.path("width").asDouble()),
                "height", size.path("height").asDouble(), "scale", 1);
        JsonNode shot = cdp.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip), TIMEOUT);
        return Base64.getDecoder().decode(shot.path("data").asText());
    }

    /** A fresh tab's WebSocket address, from the DevTools HTTP endpoint. */
    private URI newTab() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IOException("Chromium refused a new tab: " + response.statusCode() + " " + response.body());
            return URI.create(JSON.readTree(response.body()).path("webSocketDebuggerUrl").asText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while opening a tab", e);
        }
    }

    private static void await(CompletableFuture<Void> event, String what) throws IOException {
        try {
            event.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted waiting for " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("No " + what + " within " + TIMEOUT, e);
        }
    }

    private static String log(Path profile) {
        try {
            String text = Files.readString(profile.resolve("chromium.log"), StandardCharsets.UTF_8);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill(process, profile);
    }

    /** Kills the browser and the helper processes it started, then removes its profile. */
    private static void kill(Process p, Path profile) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless; the browser is already gone
        }
    }
}
