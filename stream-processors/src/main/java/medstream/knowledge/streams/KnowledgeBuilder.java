package medstream.knowledge.streams;

import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.generic.IndexedRecord;
import medstream.contracts.CleanReject;
import medstream.cleaning.decon.ContaminationIndex;
import medstream.contracts.EvalItem;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
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
    /** Reason code of stage records held back because they overlap an evaluation item. */
    public static final String CONTAMINATED = "CONTAMINATED";
    /** Filter name of the evaluation guard in its rejects. */
    public static final String EVAL_GUARD_FILTER = "knowledge.eval-guard";

    private final StreamsBuilder builder = new StreamsBuilder();
    private final TopicCatalog catalog;
    private final ContaminationIndex index = ContaminationIndex.forStageRecords();

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

    /** A named source over a catalog topic; a record without a value becomes a dead letter that says so. */
    <V> KStream<String, V> source(Topic<String, V> topic, String name) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name))
                .processValues(() -> new RequireValue<>(topic.valueType()), Named.as(name + "-require-value"));
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
     * a 13-gram with an evaluation item goes to stage.rejects with reason {@value #CONTAMINATED} instead.
     */
    <I, O> void emitGuarded(KStream<String, I> stream, String name, Function<I, Optional<O>> pick,
                            Function<O, String> id, Topic<String, O> topic, Function<O, String> textOf) {
        guard(keyed(stream, name, pick, id), name, topic, textOf);
    }

    /** The guard and the two sinks (stage topic, stage.rejects) for a stream already keyed by output id. */
    <O> void guard(KStream<String, O> keyed, String name, Topic<String, O> topic, Function<O, String> textOf) {
        keyed.processValues(() -> new EvalGuard<O>(index, textOf), Named.as(name + "-eval-guard"))
                .split(Named.as(name + "-"))
                .branch((k, g) -> g.contaminatedBy().isEmpty(), Branched.withConsumer(clean -> clean
                        .mapValues(EvalGuard.Guarded::value, Named.as(name + "-unwrap"))
                        .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name + "-sink")),
                        "clean"))
                .defaultBranch(Branched.withConsumer(dirty -> reject(dirty
                        .processValues(() -> new PolicySkipToReject<EvalGuard.Guarded<O>>(EVAL_GUARD_FILTER,
                                        g -> new PolicySkipToReject.Verdict(idOf(g.value()), sourceOf(g.value()), CONTAMINATED,
                                                "not written to " + topic.name() + ": expected no 13-gram shared with an "
                                                        + "evaluation item, shares one with " + g.contaminatedBy().orElseThrow())),
                                Named.as(name + "-contaminated-reject")), name + "-contaminated"),
                        "contaminated"));
    }

    /** Sends policy skips to {@code stage.rejects}, keyed by the skipped record's id. */
    void reject(KStream<String, CleanReject> rejects, String name) {
        Topic<String, CleanReject> topic = catalog.stageRejects();
        rejects.selectKey((k, r) -> r.getDocumentId(), Named.as(name + "-reject-key"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name + "-rejects-sink"));
    }

    // Every stage record (CorpusText, Instruction, McqTask) carries "id" and "source" fields; reading them from
    // the Avro schema keeps the guard generic over the record type.
    private static String idOf(Object value) {
        return field(value, "id");
    }

    private static String sourceOf(Object value) {
        return field(value, "source");
    }

    private static String field(Object value, String name) {
        if (value instanceof IndexedRecord r && r.getSchema().getField(name) != null) {
            Object v = r.get(r.getSchema().getField(name).pos());
            return v == null ? "" : v.toString();
        }
        return "";
    }

    private static <I, O> KStream<String, O> keyed(KStream<String, I> stream, String name, Function<I, Optional<O>> pick,
                                                   Function<O, String> id) {
        return stream.flatMap((k, v) -> pick.apply(v).map(o -> KeyValue.pair(id.apply(o), o)).stream().toList(),
                Named.as(name + "-keyed"));
    }
}
