package medstream.topics.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker's storage directory: {@code server.properties} (ports, log directory) and the KRaft log directory,
 * formatted with a cluster id. A directory kept between runs is formatted once, and later starts reuse its
 * cluster id and its ports, so clients configured with the printed bootstrap address keep working.
 *
 * @param dir the directory
 * @param props the broker's properties, as written to {@code server.properties}
 * @param port the PLAINTEXT listener's port
 * @param saslPort the SASL_PLAINTEXT listener's port, or 0 when the broker has none ({@link #freshSecured})
 */
record BrokerStorage(Path dir, Properties props, int port, int saslPort) {
    static final String PROPERTIES_FILE = "server.properties";
    /** The SASL mechanism of {@link #freshSecured}'s listener. */
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    private static final Logger LOG = LoggerFactory.getLogger(BrokerStorage.class);

    /** New ports and a new cluster id in {@code dir} (empty or new). */
    static BrokerStorage fresh(Path dir, Map<String, String> overrides) {
        int port = freePort();
        Properties props = brokerProperties(dir, port, freePort(), overrides);
        writeProperties(dir, props);
        format(dir.resolve(PROPERTIES_FILE), List.of());
        return new BrokerStorage(dir, props, port, 0);
    }

    /**
     * New ports and a new cluster id in {@code dir}, with a second client listener that authenticates with
     * SASL/SCRAM-SHA-512 and an authorizer that denies what no ACL allows. The SCRAM users are written into the
     * metadata log when the storage is formatted ({@code kafka-storage format --add-scram}), so they can log in as soon
     * as the broker answers; the PLAINTEXT listener stays for the broker's own traffic and the operator, whose
     * principal ({@code User:ANONYMOUS}) is the super user.
     *
     * @param users SCRAM-SHA-512 users, name to password
     */
    static BrokerStorage freshSecured(Path dir, Map<String, String> users, Map<String, String> overrides) {
        int port = freePort();
        int saslPort = freePort();
        int controllerPort = freePort();
        Map<String, String> secured = new LinkedHashMap<>();
        secured.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        secured.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        secured.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        secured.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        // The server side of SCRAM needs a login module but no credentials of its own: they are in the metadata log.
        secured.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        secured.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The broker talks to itself and to its controller over PLAINTEXT, as User:ANONYMOUS.
        secured.put("super.users", "User:ANONYMOUS");
        secured.put("allow.everyone.if.no.acl.found", "false");
        secured.putAll(overrides);
        Properties props = brokerProperties(dir, port, controllerPort, secured);
        writeProperties(dir, props);
        List<String> scram = new ArrayList<>();
        users.forEach((name, password) -> {
            scram.add("--add-scram");
            scram.add(SCRAM_MECHANISM + "=[name=" + name + ",password=" + password + "]");
        });
        format(dir.resolve(PROPERTIES_FILE), scram);
        return new BrokerStorage(dir, props, port, saslPort);
    }

    /**
     * {@code dir} as a previous run left it (formatted, same cluster id and ports), or {@link #fresh} when it holds no
     * formatted broker yet. A port another process took since is replaced by a free one (the broker then prints its
     * new address).
     */
    static BrokerStorage reuse(Path dir, Map<String, String> overrides) {
        Path file = dir.resolve(PROPERTIES_FILE);
        if (!Files.exists(file) || !Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            createDirectories(dir);
            return fresh(dir, overrides);
        }
        Properties saved = readProperties(file);
        int port = portOf(saved.getProperty("advertised.listeners"));
        int controllerPort = portOf(saved.getProperty("controller.quorum.voters"));
        if (!isFree(port) || !isFree(controllerPort)) {
            LOG.warn("Port {} or {} of the broker in {} is taken by another process; using new ports", port, controllerPort, dir);
            port = isFree(port) ? port : freePort();
            controllerPort = isFree(controllerPort) ? controllerPort : freePort();
        }
        Properties props = brokerProperties(dir, port, controllerPort, overrides);
        writeProperties(dir, props);
        return new BrokerStorage(dir, props, port, 0);
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

    private static int portOf(String address) {
        if (address == null) return -1;
        try {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isFree(int port) {
        if (port <= 0) return false;
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
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

    private static void format(Path propsFile, List<String> extraArgs) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString()));
        args.addAll(extraArgs);
        int rc;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args.toArray(String[]::new), out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Formatting the embedded broker's storage failed (" + propsFile + "): " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("kafka-storage format exited " + rc + " for " + propsFile + ": "
                    + buf.toString(StandardCharsets.UTF_8));
        }
    }

    private static void writeProperties(Path dir, Properties props) {
        Path file = dir.resolve(PROPERTIES_FILE);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(w, "medstream embedded broker");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Properties readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + " (the broker's saved settings): " + e.getMessage()
                    + "; delete its directory to start an empty broker", e);
        }
        return p;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the broker's data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
