package medstream.knowledge.streams;

import java.time.Instant;
import medstream.contracts.Decision;
import medstream.contracts.EvalItem;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.McqTask;
import medstream.contracts.PubMedQaItem;
import medstream.knowledge.pubmedqa.PubMedQaRouter;
import medstream.knowledge.pubmedqa.PubMedQaRouter.Routing;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * raw.pubmedqa -> stage3.tasks (PQA-L training folds GOLD, PQA-A ARTIFICIAL), eval.items (the PQA-L dev
 * fold, and the unlabeled items as protection-only entries) and label.requests (unlabeled items).
 * label.results joined with the label.requests table -> stage3.tasks PSEUDO (ACCEPTed results), weighted by
 * confidence, and a tombstone of that task when a later labeling of the request is not ACCEPTed
 * ({@link PseudoTaskLedger}). Results are re-keyed by request id before the join, so the labeler may key them as it
 * likes; a result whose request is not (yet) in the table finds no partner and produces nothing (inner join).
 */
public final class PubMedQaTopology {
    /** Name of the state store that holds the label requests for the join. */
    public static final String REQUESTS_STORE = "pubmedqa-label-requests-store";
    /** Name of the state store of the PSEUDO tasks issued and not withdrawn: task id -> label id. */
    public static final String PSEUDO_LEDGER_STORE = "pubmedqa-pseudo-ledger-store";

    private PubMedQaTopology() { }

    /** The PubMedQA app alone. */
    public static Topology buildTopology(TopicCatalog catalog, KnowledgeConfig config) {
        KnowledgeBuilder kb = new KnowledgeBuilder(catalog);
        addTo(kb, config);
        return kb.build();
    }

    /** Adds the PubMedQA piece to a shared builder. */
    public static void addTo(KnowledgeBuilder kb, KnowledgeConfig config) {
        TopicCatalog catalog = kb.catalog();
        StreamsBuilder builder = kb.streams();
        PubMedQaRouter router = new PubMedQaRouter(config.pubMedQa());
        KStream<String, PubMedQaItem> items = kb.source(catalog.rawPubMedQa(), "pubmedqa-source");
        // The request time is the input record's timestamp, not the wall clock: reprocessing gives equal records.
        KStream<String, Routing> routed = items.processValues(() -> new RouteProcessor(router), Named.as("pubmedqa-route"));
        kb.emitGuarded(routed, "pubmedqa-tasks", Routing::task, McqTask::getId, catalog.stage3Tasks(), Texts::of);
        kb.emit(routed, "pubmedqa-eval-items", Routing::eval, EvalItem::getId, catalog.evalItems());
        kb.emit(routed, "pubmedqa-label-requests", Routing::request, LabelRequest::getId, catalog.labelRequests());

        Topic<String, LabelRequest> requestsTopic = catalog.labelRequests();
        KTable<String, LabelRequest> requests = builder.table(requestsTopic.name(),
                Consumed.with(requestsTopic.keySerde(), requestsTopic.valueSerde()).withName("pubmedqa-requests-source"),
                Materialized.<String, LabelRequest, KeyValueStore<Bytes, byte[]>>as(REQUESTS_STORE)
                        .withKeySerde(requestsTopic.keySerde()).withValueSerde(requestsTopic.valueSerde()));
        Topic<String, LabelResult> resultsTopic = catalog.labelResults();
        Topic<String, McqTask> tasks = catalog.stage3Tasks();
        // PSEUDO tasks skip the guard on purpose: they are made from the unlabeled items, which are registered
        // as protection-only evaluation items (split test-unlabeled) so their text stays out of stages 1 and 2.
        // Every result joins, not only ACCEPTs: a request re-labeled to REVIEW withdraws the task its earlier ACCEPT
        // made (a tombstone keyed like the task), and the ledger store knows which tasks are out there to withdraw.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PSEUDO_LEDGER_STORE),
                Serdes.String(), Serdes.String()));
        kb.source(resultsTopic, "pubmedqa-results-source")
                .selectKey((k, r) -> r.getRequestId(), Named.as("pubmedqa-results-by-request"))
                .join(requests, (result, request) -> router.pseudoUpdate(request, result),
                        Joined.<String, LabelResult, LabelRequest>with(resultsTopic.keySerde(), resultsTopic.valueSerde(),
                                requestsTopic.valueSerde()).withName("pubmedqa-pseudo-join"))
                .process(PseudoTaskLedger::new, Named.as("pubmedqa-pseudo-ledger"), PSEUDO_LEDGER_STORE)
                .to(tasks.name(), Produced.with(tasks.keySerde(), tasks.valueSerde()).withName("pubmedqa-pseudo-sink"));
    }

    /** Routes one item with its record timestamp as the request time. */
    private static final class RouteProcessor implements FixedKeyProcessor<String, PubMedQaItem, Routing> {
        private final PubMedQaRouter router;
        private FixedKeyProcessorContext<String, Routing> context;

        RouteProcessor(PubMedQaRouter router) {
            this.router = router;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Routing> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, PubMedQaItem> record) {
            context.forward(record.withValue(router.route(record.value(), Instant.ofEpochMilli(record.timestamp()))));
        }
    }
}
