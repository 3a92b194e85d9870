package medstream.topics.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.DeadLetterCounts;
import medstream.topics.admin.ProvisioningReport;
import medstream.topics.admin.TopicCounter;
import medstream.topics.admin.TopicProvisioner;
import medstream.topics.embedded.EmbeddedKafka;
import medstream.topics.registry.EmbeddedSchemaRegistryServer;
import medstream.topics.registry.MockSchemaRegistry;
import medstream.topics.serde.AvroSerdes;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real embedded KRaft broker per test class, with helpers for integration tests. Register it as a
 * static field so the broker is shared by the class's tests (start-up costs seconds; a broker per test
 * would make {@code mvn verify} slow):
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 *
 * @Test
 * void givenProvisionedCatalog_whenProducing_thenConsumerSeesRecords() {
 *     TopicCatalog catalog = KAFKA.newCatalog();      // fresh prefix: tests of a class do not see each other
 *     KAFKA.provision(catalog);
 *     KAFKA.produce(catalog.rawDocuments(), Map.of("k", doc));
 *     List<ConsumerRecord<String, RawDocument>> got = KAFKA.consume(catalog.rawDocuments(), 1, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>The schema registry is an in-process {@code mock://} scope private to this extension instance, or
 * with {@link #withHttpRegistry()} a real {@link EmbeddedSchemaRegistryServer} over HTTP.
 * Waiting is always "poll until N records or a deadline", never a sleep.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {
    private final String scope = "it-" + UUID.randomUUID();
    private final AtomicInteger catalogs = new AtomicInteger();
    private final Map<String, String> brokerOverrides = new HashMap<>();
    private final Map<String, String> scramUsers = new LinkedHashMap<>();
    private boolean httpRegistry;
    private String registryUserInfo;
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistryServer registryServer;
    private Admin admin;

    /** Serves the schema registry over HTTP (the real client path) instead of {@code mock://}. */
    public EmbeddedKafkaExtension withHttpRegistry() {
        this.httpRegistry = true;
        return this;
    }

    /**
     * Starts the broker with a SASL_PLAINTEXT/SCRAM-SHA-512 listener and ACL authorization
     * ({@link EmbeddedKafka#startSecured}) and these users, name to password. The extension's own clients
     * ({@link #admin()}, {@link #produce}, {@link #consume}...) stay on the PLAINTEXT listener as the super user.
     */
    public EmbeddedKafkaExtension withScramUsers(Map<String, String> users) {
        scramUsers.putAll(users);
        return this;
    }

    /**
     * Serves the schema registry over HTTP and requires basic auth with {@code userInfo} ({@code user:password}); the
     * extension's catalogs carry the credentials in their serde config.
     */
    public EmbeddedKafkaExtension withHttpRegistryBasicAuth(String userInfo) {
        this.httpRegistry = true;
        this.registryUserInfo = userInfo;
        return this;
    }

    /** Sets a broker property (before the class's tests start). */
    public EmbeddedKafkaExtension withBrokerProperty(String key, String value) {
        brokerOverrides.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = scramUsers.isEmpty() ? EmbeddedKafka.start(brokerOverrides) : EmbeddedKafka.startSecured(scramUsers, brokerOverrides);
        if (httpRegistry) {
            registryServer = registryUserInfo == null ? EmbeddedSchemaRegistryServer.start(0)
                    : EmbeddedSchemaRegistryServer.startWithBasicAuth(0, registryUserInfo);
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (admin != null) admin.close();
        if (registryServer != null) registryServer.close();
        if (kafka != null) kafka.close();
        MockSchemaRegistry.dropScope(scope);
    }

    public EmbeddedKafka kafka() { return kafka; }
    public String bootstrapServers() { return kafka.bootstrapServers(); }
    /**
     * Client settings of a SCRAM user on the SASL listener of a broker from {@link #withScramUsers}: what a service's
     * {@code kafka.*} configuration holds on a secured cluster.
     */
    public Map<String, Object> scramClientConfig(String user, String password) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.saslBootstrapServers());
        m.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        m.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        m.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return m;
    }

    /** {@code mock://it-<uuid>} or the embedded HTTP registry's URL. */
    public String registryUrl() { return registryServer != null ? registryServer.url() : MockSchemaRegistry.SCHEME + scope; }
    /** An admin client owned by the extension (do not close it). */
    public Admin admin() { return admin; }

    /** The catalog with the default prefix against this extension's registry. */
    public TopicCatalog catalog() {
        return new TopicCatalog(TopicCatalog.DEFAULT_PREFIX, TopicCatalog.DEFAULT_PARTITIONS,
                AvroSerdes.config(registryUrl(), registryUserInfo));
    }

    /** A catalog whose topics have a prefix no other call returns, so tests sharing the broker stay apart. */
    public TopicCatalog newCatalog() {
        String prefix = "t" + catalogs.incrementAndGet() + "." + TopicCatalog.DEFAULT_PREFIX;
        return new TopicCatalog(prefix, TopicCatalog.DEFAULT_PARTITIONS, AvroSerdes.config(registryUrl(), registryUserInfo));
    }

    /** Creates the catalog's topics with replication factor 1. */
    public ProvisioningReport provision(TopicCatalog catalog) {
        return new TopicProvisioner(admin, (short) 1).provision(catalog.all());
    }

    /** Producer properties: idempotent, acks=all, against this broker. */
    public Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return p;
    }

    /** Consumer properties: read_committed, from the earliest offset, no auto commit, a fresh group. */
    public Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    /** Produces records (key to value, in iteration order) with the topic's serdes and waits for the acks. */
    public <K, V> void produce(Topic<K, V> topic, Map<K, V> records) {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerProps(), topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            records.forEach((k, v) -> acks.add(producer.send(new ProducerRecord<>(topic.name(), k, v))));
            producer.flush();
            for (java.util.concurrent.Future<?> f : acks) f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Producing " + records.size() + " record(s) to " + topic + " failed: " + e, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning with read_committed until {@code expected} records have
     * arrived or the deadline passes; returns what arrived (possibly fewer: assert on the size).
     */
    public <K, V> List<ConsumerRecord<K, V>> consume(Topic<K, V> topic, int expected, Duration deadline) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        long until = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerProps(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (out.size() < expected && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /** Records of one topic as a read_committed consumer sees them (live keys for compacted topics). */
    public long count(Topic<?, ?> topic) {
        try (TopicCounter counter = new TopicCounter(bootstrapServers())) {
            return counter.count(topic);
        }
    }

    /** Record counts of every catalog topic by logical name. */
    public Map<String, Long> counts(TopicCatalog catalog) {
        try (TopicCounter counter = new TopicCounter(bootstrapServers())) {
            return new LinkedHashMap<>(counter.countAll(catalog.all()));
        }
    }

    /** Dead letters on the catalog's DLQ by service and error class. */
    public DeadLetterCounts deadLetters(TopicCatalog catalog) {
        try (TopicCounter counter = new TopicCounter(bootstrapServers())) {
            return counter.countDeadLetters(catalog.dlq());
        }
    }
}
