package medstream.topics.embedded;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) built from Kafka's own jars,
 * listening on a free port on 127.0.0.1 with its storage in a temp directory.
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
    private final String bootstrapServers;
    private final KafkaRaftServer server;
    private final Process child;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedKafka(Path dir, String bootstrapServers, KafkaRaftServer server, Process child) {
        this.dir = dir;
        this.bootstrapServers = bootstrapServers;
        this.server = server;
        this.child = child;
        this.shutdownHook = new Thread(this::closeResources, "embedded-kafka-shutdown-" + bootstrapServers);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
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
        keepBrokerFaultsInsideTheJvm();
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(overrides);
            } catch (RuntimeException e) {
                // freePort() cannot reserve the port: another process may bind it before the broker does.
                if (attempt >= BIND_ATTEMPTS || !causedByBindFailure(e)) throw e;
                LOG.warn("Embedded broker could not bind its port (attempt {}/{}); retrying on new ports", attempt, BIND_ATTEMPTS);
            }
        }
    }

    private static EmbeddedKafka startOnce(Map<String, String> overrides) {
        long t0 = System.nanoTime();
        Path dir = createTempDir();
        KafkaRaftServer server = null;
        EmbeddedKafka kafka = null;
        try {
            int port = freePort();
            int controllerPort = freePort();
            Properties props = brokerProperties(dir, port, controllerPort, overrides);
            Path propsFile = writeProperties(dir, props);
            format(propsFile);
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            // startup() returns once the broker is registered and unfenced, i.e. ready for clients.
            server.startup();
            String bootstrap = "127.0.0.1:" + port;
            kafka = new EmbeddedKafka(dir, bootstrap, server, null);
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
            deleteRecursively(dir);
            throw e;
        }
    }

    /**
     * A broker fault (e.g. its controller port taken between {@link #freePort()} and bind) ends in Kafka's
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                EmbeddedKafka.class.getName());
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
                    return new EmbeddedKafka(Path.of(parts[1]), parts[0], null, p);
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
     */
    public static void main(String[] args) throws IOException {
        EmbeddedKafka kafka = start();
        System.out.println(READY_LINE_PREFIX + kafka.bootstrapServers() + " " + kafka.dir);
        System.out.flush();
        while (System.in.read() != -1) {
            // Nothing is expected on stdin; only its end matters.
        }
        kafka.close();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() { return bootstrapServers; }

    /** The broker's storage directory (deleted by {@link #close()}). */
    public Path dataDir() { return dir; }

    /** Whether the broker runs in a child JVM. */
    public boolean isChildJvm() { return child != null; }

    /** Shuts the broker down cleanly, waits for it, and deletes its storage directory. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
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
                deleteRecursively(dir);
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
            // The child deletes its directory on a clean shutdown; after a kill this cleans up.
            deleteRecursively(dir);
        }
        LOG.info("Embedded Kafka {} stopped in {} ms", bootstrapServers, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The broker properties: BASELINES.md's single-node KRaft settings plus the overrides. */
    static Properties brokerProperties(Path dir, int port, int controllerPort, Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("process.roles", "broker,controller");
        m.put("node.id", "1");
        m.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        m.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        m.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        m.put("controller.listener.names", "CONTROLLER");
        m.put("inter.broker.listener.name", "PLAINTEXT");
        m.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        m.put("log.dirs", dir.resolve("logs").toString());
        m.put("offsets.topic.replication.factor", "1");
        m.put("offsets.topic.num.partitions", "2");
        m.put("transaction.state.log.replication.factor", "1");
        m.put("transaction.state.log.min.isr", "1");
        m.put("transaction.state.log.num.partitions", "2");
        m.put("share.coordinator.state.topic.replication.factor", "1");
        m.put("share.coordinator.state.topic.min.isr", "1");
        m.put("group.initial.rebalance.delay.ms", "0");
        m.put("auto.create.topics.enable", "false");
        m.put("num.partitions", "1");
        // Two cores: a few threads each, and a small cleaner buffer (the default is 128 MB of heap).
        m.put("num.network.threads", "2");
        m.put("num.io.threads", "4");
        m.put("background.threads", "2");
        m.put("log.cleaner.threads", "1");
        m.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        m.put("num.recovery.threads.per.data.dir", "1");
        m.putAll(overrides);
        Properties p = new Properties();
        p.putAll(m);
        return p;
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

    private static void format(Path propsFile) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString()}, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Formatting the embedded broker's storage failed (" + propsFile + "): " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("kafka-storage format exited " + rc + " for " + propsFile + ": "
                    + buf.toString(StandardCharsets.UTF_8));
        }
    }

    private static Path writeProperties(Path dir, Properties props) {
        Path file = dir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(w, "medstream embedded broker");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("medstream-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temp dir for the embedded broker (java.io.tmpdir="
                    + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
        }
    }

    /** A port that was free a moment ago; the broker binds it right after. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on 127.0.0.1: " + e.getMessage(), e);
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
