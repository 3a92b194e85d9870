package medstream.cli.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One service in its own JVM ({@code java -cp ... medstream.cli.Main serve ...}), its output in
 * {@code <logs>/<name>-<incarnation>.log}, so that markers in it (a round starting, a rebalance) can time a kill.
 */
final class ServiceProcess {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final List<String> command;
    private final Path logDir;
    private Process process;
    private Path log;
    private int incarnation;

    ServiceProcess(String name, List<String> command, Path logDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logDir = logDir;
    }

    String name() { return name; }

    /** Starts a new incarnation (the first, or a restart after a kill) with a fresh log file. */
    synchronized void start() {
        incarnation++;
        log = logDir.resolve(name + "-" + incarnation + ".log");
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    synchronized boolean alive() { return process != null && process.isAlive(); }

    synchronized long pid() { return process.pid(); }

    synchronized int incarnation() { return incarnation; }

    /** Characters in the current incarnation's log so far: where to look for a marker that is yet to come. */
    synchronized long logLength() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The current incarnation's output. */
    synchronized String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /** Waits until {@code marker} appears in the log after byte {@code from}; false at the deadline or when the process died. */
    boolean awaitMarker(Pattern marker, long from, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            String text = log();
            if (text.length() > from && marker.matcher(text.substring((int) Math.min(from, text.length()))).find()) return true;
            if (!alive()) return false;
            Thread.sleep(100); // polling a file another process writes: no event to wait on
        }
        return false;
    }

    /** SIGKILL: no shutdown hook runs, no transaction is committed or aborted, no file is closed. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux and macOS
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM without waiting. */
    synchronized void requestStop() {
        if (process != null && process.isAlive()) process.destroy();
    }

    /** SIGTERM, and the ordered stop the service's shutdown hook makes; SIGKILL if it takes too long. */
    synchronized void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            System.err.println("chaos: " + name + " did not stop within " + STOP_TIMEOUT + " of SIGTERM; killing it (log " + log + ")");
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
