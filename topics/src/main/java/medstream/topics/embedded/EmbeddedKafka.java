package medstream.topics.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) built from Kafka's own jars,
 * listening on a free port on 127.0.0.1 with its storage in a temp directory, or in a directory kept between
 * runs ({@link #startPersistent}, {@link #startInChildJvm(String, Path)}; see {@link BrokerStorage}).
 *
 * <p>Two ways to run it:
 * <ul>
 *   <li>{@link #start()}: in this JVM ({@link KafkaRaftServer}); what integration tests and
 *       {@code ./medstream local} use.</li>
 *   <li>{@link #startInChildJvm(String)}: in a child JVM running {@link #main(String[])} on the same
 *       classpath, so that killing a service's JVM (chaos tests) does not take the broker with it.</li>
 * </ul>
 * Either way {@link #bootstrapServers()} gives the address and {@link #close()} shuts the broker down
 * cleanly and deletes its directory.
 *
 * <p>The settings are those of {@code shared/BASELINES.md}, tuned for a 2-core machine: replication
 * factor 1 and min ISR 1 for the internal topics, few partitions for {@code __consumer_offsets} and
 * {@code __transaction_state} (each partition costs start-up time), no initial rebalance delay, and
 * no automatic topic creation (every topic comes from the catalog through the provisioner).
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** The line prefix {@link #main(String[])} prints once the broker is ready. */
    public static final String READY_LINE_PREFIX = "medstream.embedded-kafka.bootstrap=";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int BIND_ATTEMPTS = 3;

    private final Path dir;
    private final boolean persistent;
    private final String bootstrapServers;
    private final KafkaRaftServer server;
    private final Process child;
    private final Thread shutdownHook;
    private String saslBootstrapServers;
    private volatile boolean closed;

    private EmbeddedKafka(Path dir, boolean persistent, String bootstrapServers, KafkaRaftServer server, Process child) {
        this.dir = dir;
        this.persistent = persistent;
        this.bootstrapServers = bootstrapServers;
        this.server = server;
        this.child = child;
        // A persistent child's owner orders the shutdown itself (its services before the broker), and the child
        // stops on its own when this JVM dies (its standard input closes): a hook here would stop it too early.
        this.shutdownHook = persistent && child != null ? null
                : new Thread(this::closeResources, "embedded-kafka-shutdown-" + bootstrapServers);
        if (shutdownHook != null) Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker in this JVM with the default settings. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /**
     * Starts a broker in this JVM. A shutdown hook stops it and deletes its storage if the JVM exits
     * before {@link #close()} (Ctrl-C on {@code ./medstream local}).
     *
     * @param overrides broker properties that replace the defaults (e.g. {@code log.retention.ms})
     */
    public static EmbeddedKafka start(Map<String, String> overrides) {
        return startInTempDir(dir -> BrokerStorage.fresh(dir, overrides));
    }

    /**
     * Starts a broker in this JVM that, besides its PLAINTEXT listener, has a SASL_PLAINTEXT listener
     * ({@link #saslBootstrapServers()}) authenticating with SCRAM-SHA-512, and authorizes every request with ACLs
     * ({@code StandardAuthorizer}, nothing allowed without an ACL). The PLAINTEXT listener ({@link #bootstrapServers()})
     * is the operator's: its clients are the super user, so a test sets up topics and ACLs, and checks results,
     * through it, and runs the client under test through the SASL listener.
     *
     * @param users SCRAM-SHA-512 users to create, name to password
     */
    public static EmbeddedKafka startSecured(Map<String, String> users) {
        return startSecured(users, Map.of());
    }

    /** {@link #startSecured(Map)} with broker properties that replace the defaults. */
    public static EmbeddedKafka startSecured(Map<String, String> users, Map<String, String> overrides) {
        return startInTempDir(dir -> BrokerStorage.freshSecured(dir, users, overrides));
    }

    private static EmbeddedKafka startInTempDir(java.util.function.Function<Path, BrokerStorage> format) {
        return startRetrying(() -> {
            Path dir = createTempDir();
            try {
                return startOnce(format.apply(dir), false);
            } catch (RuntimeException e) {
                deleteRecursively(dir);
                throw e;
            }
        });
    }

    /**
     * Starts a broker in this JVM whose storage is {@code dir}, kept by {@link #close()}: formatted on the first
     * start, and on later ones started with the same cluster id, ports and data (what {@code ./medstream up} runs in
     * its child JVM).
     */
    public static EmbeddedKafka startPersistent(Path dir) {
        return startRetrying(() -> startOnce(BrokerStorage.reuse(dir, Map.of()), true));
    }

    private static EmbeddedKafka startRetrying(java.util.function.Supplier<EmbeddedKafka> startOnce) {
        keepBrokerFaultsInsideTheJvm();
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce.get();
            } catch (RuntimeException e) {
                // freePort() cannot reserve the port: another process may bind it before the broker does.
                if (attempt >= BIND_ATTEMPTS || !causedByBindFailure(e)) throw e;
                LOG.warn("Embedded broker could not bind its port (attempt {}/{}); retrying on new ports", attempt, BIND_ATTEMPTS);
            }
        }
    }

    private static EmbeddedKafka startOnce(BrokerStorage storage, boolean persistent) {
        long t0 = System.nanoTime();
        Path dir = storage.dir();
        KafkaRaftServer server = null;
        EmbeddedKafka kafka = null;
        try {
            server = new KafkaRaftServer(new KafkaConfig(storage.props(), false), Time.SYSTEM);
            // startup() returns once the broker is registered and unfenced, i.e. ready for clients.
            server.startup();
            String bootstrap = "127.0.0.1:" + storage.port();
            kafka = new EmbeddedKafka(dir, persistent, bootstrap, server, null);
            if (storage.saslPort() > 0) kafka.saslBootstrapServers = "127.0.0.1:" + storage.saslPort();
            kafka.awaitReady();
            LOG.info("Embedded Kafka {} started in {} ms (storage {})", bootstrap, (System.nanoTime() - t0) / 1_000_000, dir);
            return kafka;
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            } else if (server != null) {
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * A broker fault (e.g. its controller port taken between {@link BrokerStorage#freePort()} and bind) ends in Kafka's
     * fault handler calling {@code Exit.exit}/{@code Exit.halt}, which would take the whole JVM down with
     * it: the CLI, or every test of a test class. In-process, turn those into exceptions (as Kafka's own
     * test harness does) so the start fails, is retried on new ports, or is reported. A broker that must be
     * killable on its own runs in a child JVM ({@link #startInChildJvm}), where exiting is right.
     */
    private static void keepBrokerFaultsInsideTheJvm() {
        org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Embedded Kafka asked to exit the JVM (status " + code + "): " + message);
        });
        org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Embedded Kafka asked to halt the JVM (status " + code + "): " + message);
        });
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) return true;
            if (t.getMessage() != null && t.getMessage().contains("Address already in use")) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /**
     * Starts a broker in a child JVM (same classpath, {@link #main(String[])}) and waits until it
     * prints its bootstrap address. {@link #close()} stops it with SIGTERM (a clean shutdown through the
     * child's shutdown hook) and, if it does not exit in time, kills it.
     *
     * @param maxHeap the child's {@code -Xmx}, e.g. {@code 512m}
     */
    public static EmbeddedKafka startInChildJvm(String maxHeap) {
        return startInChildJvm(maxHeap, null);
    }

    /**
     * Starts a broker in a child JVM whose storage is {@code dataDir}, kept between runs ({@link #startPersistent}).
     * No shutdown hook stops it with this JVM: the caller closes it after what uses it, and if this JVM dies first
     * the child sees its standard input close and shuts down cleanly.
     *
     * @param maxHeap the child's {@code -Xmx}
     * @param dataDir the storage directory, or null for a temp directory deleted on close
     */
    public static EmbeddedKafka startInChildJvm(String maxHeap, Path dataDir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                EmbeddedKafka.class.getName()));
        if (dataDir != null) command.add(dataDir.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a child JVM for the embedded broker (" + java + "): " + e.getMessage(), e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(READY_LINE_PREFIX)) {
                    String[] parts = line.substring(READY_LINE_PREFIX.length()).split(" ", 2);
                    drainInBackground(out);
                    return new EmbeddedKafka(Path.of(parts[1]), dataDir != null, parts[0], null, p);
                }
                LOG.debug("[broker] {}", line);
                if (System.nanoTime() > deadline) break;
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new IllegalStateException("Lost the child broker's output: " + e.getMessage(), e);
        }
        p.destroyForcibly();
        throw new IllegalStateException("The child broker JVM did not report ready within " + READY_TIMEOUT
                + " (exit " + (p.isAlive() ? "none, killed" : p.exitValue()) + "); run " + EmbeddedKafka.class.getName()
                + " by hand to see its log");
    }

    /**
     * Runs a broker until its standard input closes or the JVM is stopped (SIGTERM/SIGINT), shutting it
     * down cleanly either way, and prints {@code medstream.embedded-kafka.bootstrap=<host:port> <storage dir>}
     * once it is ready. {@link #startInChildJvm} holds the other end of standard input, so the broker
     * also stops when its parent dies, even by kill -9, instead of lingering as an orphan.
     *
     * <p>With one argument, the broker's storage is that directory, kept ({@link #startPersistent}), and SIGINT is
     * ignored: Ctrl-C in a terminal reaches the whole process group, and the parent must stop its services
     * before the broker they commit to.
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0) sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        EmbeddedKafka kafka = args.length > 0 ? startPersistent(Path.of(args[0])) : start();
        System.out.println(READY_LINE_PREFIX + kafka.bootstrapServers() + " " + kafka.dir);
        System.out.flush();
        while (System.in.read() != -1) {
            // Nothing is expected on stdin; only its end matters.
        }
        kafka.close();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() { return bootstrapServers; }

    /**
     * {@code 127.0.0.1:<port>} of the SASL_PLAINTEXT/SCRAM-SHA-512 listener of a broker from {@link #startSecured}.
     *
     * @throws IllegalStateException for a broker started without one
     */
    public String saslBootstrapServers() {
        if (saslBootstrapServers == null) {
            throw new IllegalStateException("Broker " + bootstrapServers + " has no SASL listener; start it with EmbeddedKafka.startSecured");
        }
        return saslBootstrapServers;
    }

    /** The broker's storage directory (deleted by {@link #close()} unless it is persistent). */
    public Path dataDir() { return dir; }

    /** Whether the broker runs in a child JVM. */
    public boolean isChildJvm() { return child != null; }

    /** Shuts the broker down cleanly, waits for it, and deletes its storage directory unless persistent. Idempotent. */
    @Override
    public void close() {
        try {
            if (shutdownHook != null) Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and the hook is running or about to: closeResources is idempotent.
        }
        closeResources();
    }

    private synchronized void closeResources() {
        if (closed) return;
        closed = true;
        long t0 = System.nanoTime();
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                if (!persistent) deleteRecursively(dir);
            }
        } else {
            child.destroy();
            try {
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    LOG.warn("Child broker {} did not stop within 30 s; killing it", bootstrapServers);
                    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            // The child deletes its temp directory on a clean shutdown; after a kill this cleans up.
            if (!persistent) deleteRecursively(dir);
        }
        LOG.info("Embedded Kafka {} stopped in {} ms", bootstrapServers, (System.nanoTime() - t0) / 1_000_000);
    }

    private void awaitReady() {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Embedded broker " + bootstrapServers + " did not answer describeCluster: " + e, e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("medstream-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temp dir for the embedded broker (java.io.tmpdir="
                    + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
        }
    }

    private static void drainInBackground(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) LOG.debug("[broker] {}", line);
            } catch (IOException e) {
                // The child has gone; nothing left to read.
            }
        }, "embedded-kafka-child-output");
        t.setDaemon(true);
        t.start();
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
