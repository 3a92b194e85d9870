package medstream.cleaning;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import medstream.cleaning.decon.ContaminationIndex;
import medstream.cleaning.dedup.MinHasher;
import medstream.cleaning.streams.CleaningStreams;
import medstream.cleaning.streams.Staged;
import medstream.contracts.CleanDocument;
import medstream.contracts.CleanReject;
import medstream.contracts.EvalItem;
import medstream.contracts.RawDocument;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.errors.StreamsErrorHandling;

/**
 * The cleaning app: {@code raw.documents} -> {@code clean.documents}, policy rejects -> {@code clean.rejects},
 * broken input -> the dead-letter topic (through the topics module's exception handlers).
 *
 * <pre>
 *   raw.documents ──clean-pipeline──┬─ rejected ──────────────────────────────► clean.rejects
 *   (normalise, strip, language,    └─ accepted ──repartition (1 partition)──clean-dedup──┬─ rejected ─► clean.rejects
 *    quality, PII, decontaminate)                   "clean-dedup-repartition"  (2 stores) └─ accepted ─► clean.documents
 *   eval.items ──(global store "clean-eval-items")──► ContaminationIndex (shared by every clean-pipeline task)
 * </pre>
 *
 * The stateless work runs in parallel on every input partition; dedup needs to see every earlier document, so with
 * {@code dedup.scope = GLOBAL} (default) the survivors go through a one-partition repartition topic, and with
 * {@code PARTITION} dedup runs per input partition without that hop. Every processor, branch and store is named.
 */
public final class CleaningTopology {

    /** Default application id (the CLI's and the service's). */
    public static final String APPLICATION_ID = "medstream-cleaning";

    /** Source of raw documents. */
    public static final String SOURCE = "clean-source-raw-documents";
    /** The stateless cleaning processor. */
    public static final String PIPELINE = "clean-pipeline";
    /** The dedup processor. */
    public static final String DEDUP = "clean-dedup";
    /** Repartition topic (suffix) in front of dedup, GLOBAL scope only. */
    public static final String DEDUP_REPARTITION = "clean-dedup";
    /** Store: content hash -> first document id. */
    public static final String HASH_STORE = "clean-dedup-content-hashes";
    /** Store: document id -> arrival sequence and truncated MinHash signature. */
    public static final String SIGNATURE_STORE = "clean-dedup-signatures";
    /** Global store of evaluation items. */
    public static final String EVAL_STORE = "clean-eval-items";
    /** Source of the global evaluation-item store. */
    public static final String EVAL_SOURCE = "clean-source-eval-items";
    /** Processor that keeps the evaluation index in step with the global store. */
    public static final String EVAL_UPDATER = "clean-eval-index-updater";

    private CleaningTopology() {
    }

    /**
     * Builds the cleaning topology.
     *
     * @param catalog the topic catalog (names and serdes)
     * @param config  cleaning configuration
     * @return the topology; each call has its own evaluation index
     */
    public static Topology buildTopology(TopicCatalog catalog, CleaningConfig config) {
        return buildTopology(catalog, config,
                (index, hasher) -> CleaningWork.of(new CleaningPipeline(config), index, hasher));
    }

    /**
     * The same topology with its text work made by {@code work} from the topology's evaluation index and MinHasher.
     * The benchmark uses it to run the topology's Kafka and state-store work without the text processing.
     *
     * @param catalog the topic catalog (names and serdes)
     * @param config  cleaning configuration
     * @param work    makes the text work
     * @return the topology
     */
    public static Topology buildTopology(TopicCatalog catalog, CleaningConfig config,
                                         BiFunction<ContaminationIndex, MinHasher, CleaningWork> work) {
        StreamsBuilder builder = new StreamsBuilder();
        ContaminationIndex contamination = new ContaminationIndex(config.decontamination());
        MinHasher hasher = new MinHasher(config.dedup());
        CleaningWork textWork = work.apply(contamination, hasher);

        Topic<String, EvalItem> evalItems = catalog.evalItems();
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVAL_STORE), Serdes.String(),
                        evalItems.valueSerde()).withLoggingDisabled(),
                evalItems.name(),
                Consumed.with(evalItems.keySerde(), evalItems.valueSerde()).withName(EVAL_SOURCE),
                CleaningStreams.evalItemsUpdater(contamination, EVAL_STORE));

        builder.addStateStore(store(HASH_STORE, Serdes.String(), Serdes.String()));
        // The LSH band index is derived from the signatures and held in memory by the dedup processor, which
        // rebuilds it from this store whenever it is initialised.
        builder.addStateStore(store(SIGNATURE_STORE, Serdes.String(), Serdes.ByteArray()));

        Topic<String, RawDocument> raw = catalog.rawDocuments();
        Topic<String, CleanDocument> clean = catalog.cleanDocuments();
        Topic<String, CleanReject> rejects = catalog.cleanRejects();
        Produced<String, CleanReject> toRejects = Produced.with(rejects.keySerde(), rejects.valueSerde());

        KStream<String, Staged> staged = builder
                .stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName(SOURCE))
                .processValues(CleaningStreams.pipeline(textWork, PIPELINE), Named.as(PIPELINE));
        Map<String, KStream<String, Staged>> first = staged.split(Named.as("clean-pipeline-"))
                .branch((id, s) -> s.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        first.get("clean-pipeline-rejected")
                .mapValues(Staged::reject, Named.as("clean-pipeline-to-reject"))
                .to(rejects.name(), toRejects.withName("clean-sink-pipeline-rejects"));

        KStream<String, CleanDocument> candidates = first.get("clean-pipeline-accepted")
                .mapValues(Staged::document, Named.as("clean-pipeline-to-document"));
        if (config.dedup().scope() == CleaningConfig.DedupConfig.Scope.GLOBAL) {
            candidates = candidates.repartition(Repartitioned.with(clean.keySerde(), clean.valueSerde())
                    .withName(DEDUP_REPARTITION).withNumberOfPartitions(1));
        }
        Map<String, KStream<String, Staged>> second = candidates
                .processValues(CleaningStreams.dedup(hasher, textWork, DEDUP, HASH_STORE, SIGNATURE_STORE),
                        Named.as(DEDUP), HASH_STORE, SIGNATURE_STORE)
                .split(Named.as("clean-dedup-"))
                .branch((id, s) -> s.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        second.get("clean-dedup-rejected")
                .mapValues(Staged::reject, Named.as("clean-dedup-to-reject"))
                .to(rejects.name(), toRejects.withName("clean-sink-dedup-rejects"));
        second.get("clean-dedup-accepted")
                .mapValues(Staged::document, Named.as("clean-dedup-to-document"))
                .to(clean.name(), Produced.with(clean.keySerde(), clean.valueSerde()).withName("clean-sink-documents"));
        return builder.build();
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, org.apache.kafka.common.serialization.Serde<K> keys,
                                                                   org.apache.kafka.common.serialization.Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }

    /**
     * Streams configuration for the cleaning app: exactly-once v2, the dead-letter handlers and the registry URL
     * from the catalog.
     *
     * @param bootstrapServers broker address
     * @param applicationId    application id (consumer group, state and internal topic prefix)
     * @param stateDir         state directory (RocksDB stores); keep it across restarts
     * @param catalog          the topic catalog
     * @return properties to start {@code KafkaStreams} with
     */
    public static Properties getStreamsConfig(String bootstrapServers, String applicationId, Path stateDir,
                                              TopicCatalog catalog) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The dedup repartition topic and the changelogs live on the same single-broker cluster as the data.
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // An evaluation item that breaks the index updater goes to the DLQ instead of stopping the global thread
        // (and with it the whole app).
        props.put("processing.exception.handler.global.enabled", true);
        StreamsErrorHandling.apply(props, catalog);
        return props;
    }
}
