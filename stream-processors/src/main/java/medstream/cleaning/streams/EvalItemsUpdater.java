package medstream.cleaning.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import medstream.cleaning.decon.ContaminationIndex;
import medstream.contracts.EvalItem;

/**
 * The processor of the global evaluation-item store: keeps the store and the in-memory {@link ContaminationIndex}
 * in step with the compacted {@code eval.items} topic, so evaluation sets registered while the app runs take effect
 * at once. On start it rebuilds the index from the store (Streams restores a global store before initialising its
 * processor), so a restart needs no re-read of the topic by hand.
 */
final class EvalItemsUpdater implements Processor<String, EvalItem, Void, Void> {

    private final ContaminationIndex index;
    private final String storeName;
    private KeyValueStore<String, EvalItem> store;

    EvalItemsUpdater(ContaminationIndex index, String storeName) {
        this.index = index;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (KeyValueIterator<String, EvalItem> all = store.all()) {
            all.forEachRemaining(kv -> index.add(kv.key, ContaminationIndex.textOf(kv.value), kv.value.getLanguage()));
        }
    }

    @Override
    public void process(Record<String, EvalItem> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            index.remove(record.key());
            return;
        }
        store.put(record.key(), record.value());
        index.add(record.key(), ContaminationIndex.textOf(record.value()), record.value().getLanguage());
    }

}
