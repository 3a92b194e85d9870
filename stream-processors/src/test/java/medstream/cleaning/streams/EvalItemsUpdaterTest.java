package medstream.cleaning.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.decon.ContaminationIndex;
import medstream.contracts.EvalItem;
import medstream.contracts.Option;
import medstream.topics.TopicCatalog;
import medstream.topics.registry.MockSchemaRegistry;

class EvalItemsUpdaterTest {

    private static final String QUESTION = "which drug is the first line treatment for type two diabetes in adults "
            + "without contraindications";

    private final String scope = "eval-updater-" + UUID.randomUUID();
    private final TopicCatalog catalog = TopicCatalog.withRegistry(MockSchemaRegistry.SCHEME + scope);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.dropScope(scope);
    }

    private KeyValueStore<String, EvalItem> storeIn(MockProcessorContext<Void, Void> context) {
        KeyValueStore<String, EvalItem> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("eval"),
                Serdes.String(), catalog.evalItems().valueSerde()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static EvalItem item(String id) {
        return EvalItem.newBuilder().setId(id).setBenchmark("medqa").setSplit("test").setQuestion(QUESTION)
                .setOptions(java.util.List.of(new Option("A", "metformin"), new Option("B", "insulin"))).build();
    }

    @Test
    void givenAStoreRestoredWithItems_whenTheUpdaterStarts_thenTheIndexIsRebuiltFromIt() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        KeyValueStore<String, EvalItem> store = storeIn(context);
        store.put("medqa:1", item("medqa:1"));
        ContaminationIndex index = new ContaminationIndex(CleaningConfig.DecontaminationConfig.defaults());

        new EvalItemsUpdater(index, "eval").init(context);

        assertThat(index.items()).isEqualTo(1);
        assertThat(index.findOverlap("Quiz: " + QUESTION + "?", "en")).map(ContaminationIndex.Overlap::itemId)
                .contains("medqa:1");
    }

    @Test
    void givenItemsAndATombstone_whenProcessed_thenStoreAndIndexFollowTheTopic() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        KeyValueStore<String, EvalItem> store = storeIn(context);
        ContaminationIndex index = new ContaminationIndex(CleaningConfig.DecontaminationConfig.defaults());
        EvalItemsUpdater updater = new EvalItemsUpdater(index, "eval");
        updater.init(context);

        updater.process(new Record<>("medqa:7", item("medqa:7"), 0L));
        assertThat(store.get("medqa:7")).isNotNull();
        assertThat(index.findOverlap(QUESTION, "en")).isPresent();

        updater.process(new Record<>("medqa:7", null, 1L));
        assertThat(store.get("medqa:7")).isNull();
        assertThat(index.findOverlap(QUESTION, "en")).isEmpty();
    }
}
