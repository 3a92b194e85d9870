package medstream.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.config.ClientOverrides;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Entry point of ingestion, what {@code ./medstream ingest} and {@code ./medstream local} call.
 *
 * <pre>{@code
 * Map<String, Object> producer = Ingest.producerConfig("127.0.0.1:9092");
 * IngestReport one = Ingest.run("medqa-usmle", Path.of("../shared/data/medqa-usmle"), catalog, producer, 0,
 *         ProgressListener.stderr());
 * IngestReport all = Ingest.ingestAll(Path.of("../shared/data"), catalog, producer, 0, ProgressListener.stderr());
 * System.out.print(all.format());
 * }</pre>
 *
 * The topics must exist (provision the catalog first); a missing topic fails fast with its name rather
 * than after the producer's {@code max.block.ms}.
 */
public final class Ingest {
    /** Producer settings for ingestion; keys given by the caller win. */
    public static final Map<String, Object> PRODUCER_DEFAULTS = Map.of(
            // Idempotence + acks=all: a retried batch is written once, so a record is never duplicated by a retry.
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            // One request in flight: with several, a first batch refused NOT_LEADER_OR_FOLLOWER by a partition the
            // broker is still opening can be overtaken by the next one, and is then rejected as out of sequence
            // until delivery.timeout.ms expires it (KAFKA-15591, seen against freshly provisioned topics).
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
            // Batching: ~100k small records; lz4 batches of 128 KB fill in a few ms and cost little CPU.
            ProducerConfig.LINGER_MS_CONFIG, 10,
            ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.CLIENT_ID_CONFIG, "medstream-ingest");

    private Ingest() { }

    /** The producer configuration for a bootstrap address, with {@link #PRODUCER_DEFAULTS}. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> m = new HashMap<>(PRODUCER_DEFAULTS);
        m.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return m;
    }

    /** The registry of source names -> adapters. */
    public static Sources sources() {
        return Sources.defaults();
    }

    /**
     * Ingests one source.
     *
     * @param source         a name from {@link Sources#names()}, e.g. {@code medqa-usmle}
     * @param path           the data set directory (or one of its files; a JSONL file or .txt directory for generic)
     * @param catalog        topics and serdes
     * @param producerConfig producer settings, at least {@code bootstrap.servers}; merged over {@link #PRODUCER_DEFAULTS}
     * @param limit          the most records to produce; {@code <= 0} for all
     * @param progress       progress and per-source summaries
     * @throws IllegalArgumentException for an unknown source name
     * @throws IOException              when the data cannot be read at all
     * @throws IngestException          when the topics are missing or records cannot be delivered
     */
    public static IngestReport run(String source, Path path, TopicCatalog catalog, Map<String, ?> producerConfig,
                                   long limit, ProgressListener progress) throws IOException {
        SourceAdapter adapter = sources().get(source);
        long start = System.nanoTime();
        try (Producer<byte[], byte[]> producer = open(producerConfig, catalog)) {
            SourceReport r = new Ingester(catalog, producer, progress, Ingester.DEFAULT_PROGRESS_INTERVAL)
                    .ingest(adapter, path, limit);
            return new IngestReport(List.of(r), List.of(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** {@link #run(String, Path, TopicCatalog, Map, long, ProgressListener)} with {@link #producerConfig(String)}. */
    public static IngestReport run(String source, Path path, TopicCatalog catalog, String bootstrapServers, long limit,
                                   ProgressListener progress) throws IOException {
        return run(source, path, catalog, producerConfig(bootstrapServers), limit, progress);
    }

    /** {@link #ingestAll(Path, TopicCatalog, Map, long, ProgressListener)} with {@link #producerConfig(String)}. */
    public static IngestReport ingestAll(Path sharedDataDir, TopicCatalog catalog, String bootstrapServers, long limit,
                                         ProgressListener progress) throws IOException {
        return ingestAll(sharedDataDir, catalog, producerConfig(bootstrapServers), limit, progress);
    }

    /**
     * Ingests every shared data set found under {@code sharedDataDir} (each at {@code <dir>/<source name>}),
     * with one producer. Data sets whose folder is missing are listed in {@link IngestReport#missing()}.
     *
     * @param limit the most records per source; {@code <= 0} for all
     */
    public static IngestReport ingestAll(Path sharedDataDir, TopicCatalog catalog, Map<String, ?> producerConfig,
                                         long limit, ProgressListener progress) throws IOException {
        if (!Files.isDirectory(sharedDataDir)) {
            throw new NoSuchFileException(sharedDataDir.toString(), null,
                    "not a directory; pass the shared data directory (e.g. ../shared/data) that holds one folder per"
                            + " data set");
        }
        Sources sources = sources();
        long start = System.nanoTime();
        List<SourceReport> reports = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Producer<byte[], byte[]> producer = open(producerConfig, catalog)) {
            Ingester ingester = new Ingester(catalog, producer, progress, Ingester.DEFAULT_PROGRESS_INTERVAL);
            for (String name : sources.sharedDataSets()) {
                Path dir = sharedDataDir.resolve(name);
                if (!Files.isDirectory(dir)) {
                    missing.add(name);
                    continue;
                }
                reports.add(ingester.ingest(sources.get(name), dir, limit));
            }
        }
        return new IngestReport(reports, missing, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Producer<byte[], byte[]> open(Map<String, ?> producerConfig, TopicCatalog catalog) {
        Map<String, Object> config = new HashMap<>(PRODUCER_DEFAULTS);
        config.putAll(producerConfig);
        Object bootstrap = config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException("producer config has no bootstrap.servers; use "
                    + "Ingest.producerConfig(\"host:port\") or pass --bootstrap");
        }
        requireTopics(config, catalog);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /** Fails fast, naming the topics, when the catalog has not been provisioned on this cluster. */
    static void requireTopics(Map<String, Object> producerConfig, TopicCatalog catalog) {
        String bootstrap = producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).toString();
        // The connection settings a secured cluster needs, and nothing producer-only (the admin would warn).
        Map<String, Object> adminConfig = ClientOverrides.forAdmin(producerConfig);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> absent = RawTopics.all(catalog).stream().map(Topic::name)
                    .filter(n -> !existing.contains(n)).toList();
            if (!absent.isEmpty()) {
                throw new IngestException("Topics " + absent + " do not exist on " + bootstrap + "; provision the "
                        + "catalog first (TopicProvisioner, or ./medstream local which does it)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("Interrupted while listing the topics of " + bootstrap, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IngestException("Cannot list the topics of " + bootstrap + " (" + e + "); is the broker up and "
                    + "is bootstrap.servers right?", e);
        }
    }
}
