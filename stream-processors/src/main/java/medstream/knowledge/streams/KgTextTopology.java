package medstream.knowledge.streams;

import java.util.LinkedHashSet;
import java.util.Set;
import medstream.contracts.CorpusText;
import medstream.contracts.KgTriplet;
import medstream.knowledge.kg.Fact;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * raw.kg-triplets -> stage1.corpus: knowledge-graph facts grouped by entity in state stores and
 * rewritten into text at the configured scales (single facts, 1-hop stars, 2-hop paths).
 *
 * <p>Each triplet is sent to both of its entities (re-keyed and repartitioned by {@code source:id}),
 * so an entity's store holds its outgoing facts (for its star) and incoming facts (for the paths that
 * pass through it) on one partition. An inactivity punctuator (wall-clock or stream time) and a size
 * cap decide when an entity's sub-graph is emitted.
 *
 * <p><b>Updates, as a consumer sees them.</b> Every output is keyed by its stable id. A late triplet for
 * an entity re-emits the entity's star under the same key {@code kg-star:<source>:<entity>} with the
 * new fact in it; stage1.corpus is a delete-policy topic, so the log holds both versions and a consumer
 * that keeps the last value per key (a KTable, or a dedup-by-key in the trainer) sees an update, not a
 * second paragraph. New facts and new paths get their own new keys. A triplet that was already
 * emitted produces nothing when it arrives again. A path that a new fact pushes out of an entity's
 * top-N is not retracted (no tombstones on a delete-policy topic); it stays a valid statement.
 *
 * <p>Every text passes the evaluation guard ({@link KnowledgeBuilder}) on its way to stage1.corpus.
 */
public final class KgTextTopology {
    /** One entry per (entity, direction, fact). */
    public static final String FACTS_STORE = "kg-entity-facts-store";
    /** Entities with facts not yet emitted. */
    public static final String META_STORE = "kg-entity-meta-store";
    /** Index of pending entities by last update time, for the inactivity check. */
    public static final String DUE_STORE = "kg-entity-due-store";

    private KgTextTopology() { }

    /** The KG app alone. */
    public static Topology buildTopology(TopicCatalog catalog, KnowledgeConfig config) {
        KnowledgeBuilder kb = new KnowledgeBuilder(catalog);
        addTo(kb, config);
        return kb.build();
    }

    /** Adds the KG piece to a shared builder. */
    public static void addTo(KnowledgeBuilder kb, KnowledgeConfig config) {
        StreamsBuilder builder = kb.streams();
        TopicCatalog catalog = kb.catalog();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FACTS_STORE),
                Serdes.String(), KgState.factEntrySerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(META_STORE),
                Serdes.String(), KgState.entityMetaSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_STORE),
                Serdes.String(), Serdes.String()));
        Topic<String, KgTriplet> in = catalog.rawKgTriplets();
        Topic<String, CorpusText> out = catalog.stage1Corpus();
        KStream<String, CorpusText> texts = kb.source(in, "kg-source")
                .flatMap((k, t) -> entityKeys(t).stream().map(e -> KeyValue.pair(e, t)).toList(), Named.as("kg-to-entities"))
                .repartition(Repartitioned.<String, KgTriplet>as("kg-by-entity")
                        .withKeySerde(in.keySerde()).withValueSerde(in.valueSerde()))
                .process(() -> new KgEntityProcessor(config), Named.as("kg-entity-subgraphs"), FACTS_STORE, META_STORE, DUE_STORE);
        kb.guard(texts, "kg-stage1", out, CorpusText::getText);
    }

    /** The entity keys a triplet belongs to: its subject and, if different, its object. */
    static Set<String> entityKeys(KgTriplet t) {
        Fact f = Fact.of(t);
        Set<String> keys = new LinkedHashSet<>();
        keys.add(f.subjectKey());
        keys.add(f.objectKey());
        return keys;
    }
}
