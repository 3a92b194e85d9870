package medstream.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import medstream.topics.TopicCatalog;
import medstream.topics.embedded.EmbeddedKafka;
import medstream.topics.registry.EmbeddedSchemaRegistryServer;
import medstream.topics.registry.KafkaSchemaJournal;
import medstream.topics.registry.SchemaStore;

/**
 * The broker and schema registry of {@code ./medstream up}, both kept in an output directory between runs: the
 * broker in a child JVM (a crashing service cannot take it down) with its storage in {@code <out>/kafka}, the
 * registry's schemas in the broker's {@code _schemas} topic. Both keep their ports across runs when they are free
 * (the registry's in {@code <out>/registry.port}), so clients configured with the printed addresses keep working.
 * {@link #close()} stops the registry, then the broker.
 */
public final class KeptStack implements AutoCloseable {
    private static final String BROKER_HEAP = "1g";

    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistryServer registry;

    private KeptStack(EmbeddedKafka kafka, EmbeddedSchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts (or resumes) the broker in {@code <out>/kafka}, then the registry over its {@code _schemas} topic. */
    public static KeptStack start(Path out, Map<String, Object> clientOverrides, short replicationFactor, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        boolean resuming = Files.isDirectory(out.resolve("kafka"));
        EmbeddedKafka kafka = EmbeddedKafka.startInChildJvm(BROKER_HEAP, out.resolve("kafka"));
        try {
            Map<String, Object> client = new HashMap<>(clientOverrides);
            client.put("bootstrap.servers", kafka.bootstrapServers());
            SchemaStore store = KafkaSchemaJournal.openStore(client, TopicCatalog.SCHEMAS_TOPIC, replicationFactor);
            EmbeddedSchemaRegistryServer registry = startRegistry(out.resolve("registry.port"), store);
            console.printf(Locale.ROOT, "medstream up: broker and registry %s %s in %.1f s%n", resuming ? "resumed from" : "created in",
                    out, (System.nanoTime() - t0) / 1e9);
            return new KeptStack(kafka, registry);
        } catch (RuntimeException | IOException e) {
            kafka.close();
            throw e;
        }
    }

    private static EmbeddedSchemaRegistryServer startRegistry(Path portFile, SchemaStore store) throws IOException {
        int saved = Files.exists(portFile) ? Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim()) : 0;
        EmbeddedSchemaRegistryServer server;
        try {
            server = EmbeddedSchemaRegistryServer.start(saved, store);
        } catch (BindException e) {
            // Another process took the port since the last run: any free one will do (the new URL is printed).
            server = EmbeddedSchemaRegistryServer.start(0, store);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            Files.writeString(portFile, String.valueOf(java.net.URI.create(server.url()).getPort()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("Cannot write " + portFile, e);
        }
        return server;
    }

    public String bootstrapServers() { return kafka.bootstrapServers(); }

    public String registryUrl() { return registry.url(); }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
