package medstream.knowledge.streams;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.errors.StreamsErrorHandling;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The knowledge-rewriting apps as one Kafka Streams application: KG sub-graphs, exam questions, QA
 * pairs, clean-document chunks and PubMedQA routing, each added by its own class to one topology.
 */
public final class KnowledgeApp {

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
     * What the app still has to do, for a caller that waits for it to finish a batch (the CLI, tests).
     *
     * @param inputLag        raw input records not yet committed by the app (exact: the ingester writes
     *                        no transaction markers)
     * @param pendingEntities KG entities with facts not yet emitted (they wait for the inactivity window)
     */
    public record Backlog(long inputLag, long pendingEntities) {
        /** Nothing left: every raw input committed and every KG entity emitted. */
        public boolean isEmpty() {
            return inputLag == 0 && pendingEntities == 0;
        }
    }

    /**
     * The running app's backlog. Poll it until it has been empty for longer than the KG inactivity window
     * (then nothing is on its way through the KG repartition topic either), e.g. with Awaitility's
     * {@code during(config.kgInactivity().plusSeconds(1))}.
     */
    public static Backlog backlog(KafkaStreams streams, Admin admin, TopicCatalog catalog, KnowledgeConfig config)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.applicationId())
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (Topic<String, ?> t : List.of(catalog.rawKgTriplets(), catalog.rawExamQuestions(), catalog.rawQaPairs(),
                catalog.rawPubMedQa(), catalog.cleanDocuments())) {
            for (int p = 0; p < t.partitions(); p++) {
                latest.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
            }
        }
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        ReadOnlyKeyValueStore<String, Object> meta = streams.store(StoreQueryParameters.fromNameAndType(
                KgTextTopology.META_STORE, QueryableStoreTypes.keyValueStore()));
        long pending = 0;
        try (KeyValueIterator<String, Object> it = meta.all()) {
            // Counted, not estimated: RocksDB's estimate still counts deleted keys.
            while (it.hasNext()) {
                it.next();
                pending++;
            }
        }
        return new Backlog(lag, pending);
    }
}
