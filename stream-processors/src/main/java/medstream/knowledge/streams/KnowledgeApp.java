package medstream.knowledge.streams;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.errors.StreamsErrorHandling;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge-rewriting apps as one Kafka Streams application: KG sub-graphs, exam questions, QA
 * pairs, clean-document chunks and PubMedQA routing, each added by its own class to one topology.
 */
public final class KnowledgeApp {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeApp.class);

    private KnowledgeApp() { }

    /** Every knowledge piece in one topology. */
    public static Topology buildTopology(TopicCatalog catalog, KnowledgeConfig config) {
        KnowledgeBuilder kb = new KnowledgeBuilder(catalog);
        KgTextTopology.addTo(kb, config);
        ExamTopology.addTo(kb, config);
        QaTopology.addTo(kb, config);
        CorpusChunkTopology.addTo(kb, config);
        PubMedQaTopology.addTo(kb, config);
        return kb.build();
    }

    /**
     * Streams configuration: exactly_once_v2, the dead-letter handlers and the registry of the catalog.
     *
     * @param bootstrapServers broker address
     * @param catalog          topics and serde configuration
     * @param config           the knowledge configuration (application id)
     */
    public static Properties getStreamsConfig(String bootstrapServers, TopicCatalog catalog, KnowledgeConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Two cores are shared here; one thread per app instance, more instances scale out.
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        StreamsErrorHandling.apply(props, catalog);
        return props;
    }

    /** A KafkaStreams (not yet started) for the whole knowledge topology; the caller owns and closes it. */
    public static KafkaStreams create(String bootstrapServers, TopicCatalog catalog, KnowledgeConfig config) {
        return new KafkaStreams(buildTopology(catalog, config), getStreamsConfig(bootstrapServers, catalog, config));
    }

    /**
     * Runs the app until interrupted. Arguments: bootstrap servers, registry URL, optional properties file.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: KnowledgeApp <bootstrap-servers> <registry-url> [config.properties]");
            return;
        }
        Settings settings = Settings.load(args.length > 2 ? Path.of(args[2]) : null);
        KnowledgeConfig config = KnowledgeConfig.from(settings);
        LOG.info("knowledge config: {}", settings.effective(KnowledgeConfig.SETTINGS));
        TopicCatalog catalog = TopicCatalog.withRegistry(args[1]);
        CountDownLatch latch = new CountDownLatch(1);
        try (KafkaStreams streams = create(args[0], catalog, config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                streams.close();
                latch.countDown();
            }, "knowledge-shutdown"));
            streams.start();
            latch.await();
        }
    }
}
