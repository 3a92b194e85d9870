package medstream.cli.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps a set of service processes running: starts them, kills one with SIGKILL and starts it again, and restarts
 * any that exits on its own (a service exits non-zero when it fails, as an orchestrator expects), counting those.
 */
final class ProcessSupervisor implements AutoCloseable {
    /** The line every {@code serve} prints once its service runs: {@code medstream <service>: started}. */
    static final Pattern STARTED = Pattern.compile("medstream \\w+: started");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> unplannedRestarts = new ConcurrentHashMap<>();
    private final List<String> unplannedReasons = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final Thread watchdog;
    private volatile boolean stopping;

    ProcessSupervisor(List<ServiceProcess> processes) {
        processes.forEach(p -> services.put(p.name(), p));
        watchdog = new Thread(this::watch, "chaos-watchdog");
        watchdog.setDaemon(true);
    }

    /** Starts every service and waits until each says it started. */
    void startAll() throws InterruptedException {
        services.values().forEach(ServiceProcess::start);
        for (ServiceProcess p : services.values()) awaitStarted(p);
        watchdog.start();
    }

    ServiceProcess get(String name) {
        ServiceProcess p = services.get(name);
        if (p == null) throw new IllegalArgumentException("No service " + name + "; there are " + services.keySet());
        return p;
    }

    /** SIGKILL, then a new incarnation at once; returns the killed pid. */
    long killAndRestart(String name) throws InterruptedException {
        ServiceProcess p = get(name);
        synchronized (p) {
            long pid = p.pid();
            p.kill();
            p.start();
            return pid;
        }
    }

    /**
     * Waits for the current incarnation's start line; an incarnation that dies meanwhile is replaced by the watchdog,
     * and its successor's line counts. Fails with the log when none comes.
     */
    void awaitStarted(ServiceProcess p) throws InterruptedException {
        long until = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            if (STARTED.matcher(p.log()).find()) return;
            Thread.sleep(200); // polling another process's log file
        }
        throw new IllegalStateException(p.name() + " did not start within " + START_TIMEOUT + "; its log:\n" + tail(p.log()));
    }

    /** Restarts made by the watchdog because a service exited without being killed. */
    Map<String, Integer> unplannedRestarts() { return Map.copyOf(unplannedRestarts); }

    /** Why each unplanned restart happened: the service's last FAILED / ERROR line. */
    List<String> unplannedReasons() { return List.copyOf(unplannedReasons); }

    private static String lastFailure(String log) {
        String[] lines = log.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].contains("FAILED") || lines[i].contains("ERROR") || lines[i].contains("Exception")) {
                return lines[i].length() > 400 ? lines[i].substring(0, 400) + " ..." : lines[i];
            }
        }
        return lines.length == 0 ? "(empty log)" : lines[lines.length - 1];
    }

    /** Whether every service runs now. */
    boolean allAlive() { return services.values().stream().allMatch(ServiceProcess::alive); }

    /** The incarnation of every service: 1 + kills + unplanned restarts. */
    Map<String, Integer> incarnations() {
        Map<String, Integer> m = new LinkedHashMap<>();
        services.forEach((n, p) -> m.put(n, p.incarnation()));
        return m;
    }

    private void watch() {
        while (!stopping) {
            for (ServiceProcess p : services.values()) {
                synchronized (p) {
                    if (!stopping && !p.alive()) {
                        System.err.println("chaos: " + p.name() + " exited on its own; restarting it. Its log ends:\n" + tail(p.log()));
                        unplannedRestarts.merge(p.name(), 1, Integer::sum);
                        unplannedReasons.add(p.name() + "-" + p.incarnation() + ": " + lastFailure(p.log()));
                        p.start();
                    }
                }
            }
            try {
                Thread.sleep(1000); // a poll of process liveness; nothing to wait on
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String tail(String log) {
        return log.length() <= 3000 ? log : log.substring(log.length() - 3000);
    }

    /** Stops every service with SIGTERM (each commits or aborts its transaction). */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        watchdog.interrupt();
        services.values().forEach(ServiceProcess::requestStop); // all at once: each stop waits for its transactions
        for (ServiceProcess p : services.values()) p.stop();
    }
}
