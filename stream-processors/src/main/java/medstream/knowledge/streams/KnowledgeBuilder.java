package medstream.knowledge.streams;

import java.util.Optional;
import java.util.function.Function;
import medstream.contracts.DeadLetter;
import medstream.contracts.EvalItem;
import medstream.knowledge.eval.EvalNgramIndex;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The builder the knowledge pieces add themselves to: a {@link StreamsBuilder}, the catalog, and the
 * evaluation guard every stage output passes (a global table over eval.items plus the n-gram index
 * derived from it, one per topology). Named sources and sinks are made here so every piece names them
 * the same way.
 */
public final class KnowledgeBuilder {
    /** The global store of evaluation items the guard reads. */
    public static final String EVAL_ITEMS_STORE = "knowledge-eval-items-global-store";
    /** Error class of stage records held back because they overlap an evaluation item. */
    public static final String CONTAMINATED = "CONTAMINATED";

    private final StreamsBuilder builder = new StreamsBuilder();
    private final TopicCatalog catalog;
    private final EvalNgramIndex index = new EvalNgramIndex();

    /** A builder over the catalog's topics, with the evaluation guard's global table. */
    public KnowledgeBuilder(TopicCatalog catalog) {
        this.catalog = catalog;
        Topic<String, EvalItem> eval = catalog.evalItems();
        builder.globalTable(eval.name(), Consumed.with(eval.keySerde(), eval.valueSerde()).withName("eval-guard-source"),
                Materialized.<String, EvalItem>as(Stores.inMemoryKeyValueStore(EVAL_ITEMS_STORE))
                        .withKeySerde(eval.keySerde()).withValueSerde(eval.valueSerde()));
    }

    /** The underlying builder, for pieces that need the Processor API. */
    public StreamsBuilder streams() {
        return builder;
    }

    /** The catalog. */
    public TopicCatalog catalog() {
        return catalog;
    }

    /** The topology of every piece added so far. */
    public Topology build() {
        return builder.build();
    }

    /** A named source over a catalog topic. */
    <V> KStream<String, V> source(Topic<String, V> topic, String name) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name));
    }

    /**
     * Sends the part {@code pick} selects (when present) to {@code topic}, keyed by the output's stable id,
     * so re-ingesting overwrites instead of duplicating. For records that are not training data
     * (evaluation items, label requests): no guard.
     */
    <I, O> void emit(KStream<String, I> stream, String name, Function<I, Optional<O>> pick, Function<O, String> id,
                     Topic<String, O> topic) {
        keyed(stream, name, pick, id)
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name + "-sink"));
    }

    /**
     * As {@link #emit}, for training records: each passes the evaluation guard first, and one that shares
     * a 13-gram with an evaluation item goes to the DLQ with error class {@value #CONTAMINATED} instead.
     */
    <I, O> void emitGuarded(KStream<String, I> stream, String name, Function<I, Optional<O>> pick,
                            Function<O, String> id, Topic<String, O> topic, Function<O, String> textOf) {
        guard(keyed(stream, name, pick, id), name, topic, textOf);
    }

    /** The guard and the two sinks (stage topic, DLQ) for a stream already keyed by output id. */
    <O> void guard(KStream<String, O> keyed, String name, Topic<String, O> topic, Function<O, String> textOf) {
        Topic<String, DeadLetter> dlq = catalog.dlq();
        Serializer<O> serializer = topic.valueSerde().serializer();
        keyed.processValues(() -> new EvalGuard<O>(index, textOf), Named.as(name + "-eval-guard"))
                .split(Named.as(name + "-"))
                .branch((k, g) -> g.contaminatedBy().isEmpty(), Branched.withConsumer(clean -> clean
                        .mapValues(EvalGuard.Guarded::value, Named.as(name + "-unwrap"))
                        .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name + "-sink")),
                        "clean"))
                .defaultBranch(Branched.withConsumer(dirty -> dirty
                        .processValues(() -> new PolicySkipToDeadLetter<EvalGuard.Guarded<O>>(
                                        (ignored, g) -> serializer.serialize(topic.name(), g.value()),
                                        g -> CONTAMINATED,
                                        g -> "not written to " + topic.name() + ": shares a 13-gram with evaluation item "
                                                + g.contaminatedBy().orElseThrow() + " (the input value holds the "
                                                + topic.logicalName() + " record)"),
                                Named.as(name + "-contaminated-dead-letter"))
                        .to(dlq.name(), Produced.with(dlq.keySerde(), dlq.valueSerde()).withName(name + "-contaminated-dlq-sink")),
                        "contaminated"));
    }

    private static <I, O> KStream<String, O> keyed(KStream<String, I> stream, String name, Function<I, Optional<O>> pick,
                                                   Function<O, String> id) {
        return stream.flatMap((k, v) -> pick.apply(v).map(o -> KeyValue.pair(id.apply(o), o)).stream().toList(),
                Named.as(name + "-keyed"));
    }
}
