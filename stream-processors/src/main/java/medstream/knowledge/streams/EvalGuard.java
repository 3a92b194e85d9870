package medstream.knowledge.streams;

import java.util.Optional;
import java.util.function.Function;
import medstream.contracts.EvalItem;
import medstream.cleaning.decon.ContaminationIndex;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Checks a stage record against the evaluation items known so far (the global store over eval.items)
 * and marks it when it shares a 13-gram with one. The n-gram index is derived from the global store
 * and refreshed whenever the store holds items the index has not seen.
 *
 * <p>What it cannot do: an evaluation item that reaches eval.items after a training record that
 * overlaps it was already checked cannot recall that record. Evaluation items of a data set are
 * produced by the same app from the same raw topics, usually ahead of the training records that would
 * collide with them; the integration test checks the outputs end to end.
 *
 * @param <V> the stage record type
 */
final class EvalGuard<V> implements FixedKeyProcessor<String, V, EvalGuard.Guarded<V>> {
    /** A stage record and the evaluation item it overlaps, if any. */
    record Guarded<V>(V value, Optional<String> contaminatedBy) { }

    private final ContaminationIndex index;
    private final Function<V, String> textOf;
    private KeyValueStore<String, Object> evalItems;
    private FixedKeyProcessorContext<String, Guarded<V>> context;

    EvalGuard(ContaminationIndex index, Function<V, String> textOf) {
        this.index = index;
        this.textOf = textOf;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Guarded<V>> context) {
        this.context = context;
        this.evalItems = context.getStateStore(KnowledgeBuilder.EVAL_ITEMS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        refresh();
        Optional<String> overlap = index.findOverlap(textOf.apply(record.value()), null).map(ContaminationIndex.Overlap::itemId);
        context.forward(record.withValue(new Guarded<>(record.value(), overlap)));
    }

    /** Indexes the evaluation items that arrived since the last look (the in-memory store counts exactly). */
    private void refresh() {
        if (evalItems.approximateNumEntries() <= index.items()) {
            return;
        }
        synchronized (index) {
            try (KeyValueIterator<String, Object> it = evalItems.all()) {
                it.forEachRemaining(kv -> {
                    Object v = kv.value instanceof ValueAndTimestamp<?> vt ? vt.value() : kv.value;
                    if (v instanceof EvalItem e) {
                        index.addOnce(e);
                    }
                });
            }
        }
    }
}
