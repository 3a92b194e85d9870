package medstream.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import medstream.topics.config.Settings;
import medstream.topics.embedded.EmbeddedKafka;
import medstream.topics.registry.EmbeddedSchemaRegistryServer;

/**
 * The broker and schema registry a command talks to: external ones from the settings, or embedded
 * ones started here (a KRaft broker and an HTTP schema registry on 127.0.0.1) and stopped on
 * {@link #close()}.
 */
public final class KafkaEnvironment implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistryServer registryServer;
    private final String bootstrapServers;
    private final String registryUrl;

    private KafkaEnvironment(EmbeddedKafka kafka, EmbeddedSchemaRegistryServer registryServer, String bootstrapServers,
                             String registryUrl) {
        this.kafka = kafka;
        this.registryServer = registryServer;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** Connects to, or starts, the broker and registry the settings name. */
    public static KafkaEnvironment open(Settings settings, PrintStream out) throws IOException {
        String bootstrap = settings.get(CliSettings.BOOTSTRAP);
        String registry = settings.get(CliSettings.REGISTRY);
        EmbeddedKafka kafka = null;
        EmbeddedSchemaRegistryServer server = null;
        try {
            if (bootstrap.equals(CliSettings.EMBEDDED)) {
                long t0 = System.nanoTime();
                String mode = settings.get(CliSettings.EMBEDDED_BROKER_MODE).toLowerCase(Locale.ROOT);
                out.println("Starting embedded Kafka broker (KRaft, " + mode + ") ...");
                kafka = switch (mode) {
                    case "in-process" -> EmbeddedKafka.start();
                    case "child-jvm" -> EmbeddedKafka.startInChildJvm("1g");
                    default -> throw new IllegalArgumentException(CliSettings.EMBEDDED_BROKER_MODE.key() + " = '" + mode
                            + "': expected in-process or child-jvm");
                };
                bootstrap = kafka.bootstrapServers();
                out.printf(Locale.ROOT, "Embedded Kafka broker on %s, started in %.1f s%n", bootstrap, (System.nanoTime() - t0) / 1e9);
            }
            if (registry.equals(CliSettings.EMBEDDED)) {
                server = EmbeddedSchemaRegistryServer.start(0);
                registry = server.url();
                out.println("Embedded schema registry on " + registry);
            }
            return new KafkaEnvironment(kafka, server, bootstrap, registry);
        } catch (RuntimeException | IOException e) {
            if (server != null) server.close();
            if (kafka != null) kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() { return bootstrapServers; }
    public String registryUrl() { return registryUrl; }
    /** Whether the broker was started here. */
    public boolean embeddedBroker() { return kafka != null; }
    /** Whether the registry was started here. */
    public boolean embeddedRegistry() { return registryServer != null; }

    @Override
    public void close() {
        if (registryServer != null) registryServer.close();
        if (kafka != null) kafka.close();
    }
}
