package medstream.knowledge.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import medstream.contracts.CorpusText;
import medstream.contracts.KgTriplet;
import medstream.knowledge.kg.Fact;
import medstream.knowledge.kg.KgTextRewriter;
import medstream.knowledge.kg.Subgraph;
import medstream.knowledge.kg.SubgraphSampler;
import medstream.knowledge.streams.KgState.Direction;
import medstream.knowledge.streams.KgState.EntityMeta;
import medstream.knowledge.streams.KgState.FactEntry;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the facts of each entity (input keyed by entity) and emits its sub-graph text when the entity
 * has been quiet for the inactivity window, or at once when {@code sizeCap} new facts are pending.
 *
 * <p>An emission covers what is new: single facts not emitted before, the entity's star (always under
 * the same id, so a late fact updates it) and the 2-hop paths through the entity that use a new fact.
 * A fact already emitted that arrives again (re-ingestion) changes nothing and emits nothing.
 */
final class KgEntityProcessor implements Processor<String, KgTriplet, String, CorpusText> {
    private static final Logger LOG = LoggerFactory.getLogger(KgEntityProcessor.class);

    private final SubgraphSampler sampler;
    private final KgTextRewriter rewriter = new KgTextRewriter();
    private final Duration inactivity;
    private final Duration punctuateEvery;
    private final PunctuationType punctuation;
    private final int sizeCap;
    /** Relations already logged as generic, so each is logged once per task. */
    private final Set<String> loggedGeneric = new HashSet<>();

    private ProcessorContext<String, CorpusText> context;
    private KeyValueStore<String, FactEntry> facts;
    private KeyValueStore<String, EntityMeta> meta;
    private KeyValueStore<String, String> due;
    private Sensor genericRelations;

    KgEntityProcessor(KnowledgeConfig config) {
        this.sampler = new SubgraphSampler(config.sampler());
        this.inactivity = config.kgInactivity();
        this.punctuateEvery = config.kgPunctuateEvery();
        this.punctuation = config.kgPunctuation();
        this.sizeCap = config.kgSizeCap();
    }

    @Override
    public void init(ProcessorContext<String, CorpusText> context) {
        this.context = context;
        this.facts = context.getStateStore(KgTextTopology.FACTS_STORE);
        this.meta = context.getStateStore(KgTextTopology.META_STORE);
        this.due = context.getStateStore(KgTextTopology.DUE_STORE);
        this.genericRelations = context.metrics().addRateTotalSensor("medstream-knowledge", "kg-text",
                "generic-relation", Sensor.RecordingLevel.INFO);
        context.schedule(punctuateEvery, punctuation, this::emitInactive);
    }

    @Override
    public void process(Record<String, KgTriplet> record) {
        String entityKey = record.key();
        Fact fact = Fact.of(record.value());
        int added = 0;
        if (fact.subjectKey().equals(entityKey)) {
            added += store(entityKey, Direction.OUT, fact);
        }
        if (fact.objectKey().equals(entityKey)) {
            added += store(entityKey, Direction.IN, fact);
        }
        if (added == 0) {
            return;
        }
        long now = now(record.timestamp());
        EntityMeta old = meta.get(entityKey);
        if (old != null) {
            due.delete(KgState.dueKey(old.lastUpdateMs(), entityKey));
        }
        EntityMeta updated = new EntityMeta(now, (old == null ? 0 : old.pending()) + added);
        if (updated.pending() >= sizeCap) {
            emit(entityKey, record.timestamp());
        } else {
            meta.put(entityKey, updated);
            due.put(KgState.dueKey(now, entityKey), entityKey);
        }
    }

    /** Stores a fact; 1 when it is new to this entity, 0 when it was known (names are refreshed). */
    private int store(String entityKey, Direction d, Fact fact) {
        String key = KgState.factKey(entityKey, d, fact.id());
        FactEntry existing = facts.get(key);
        if (existing == null) {
            facts.put(key, new FactEntry(fact, false));
            return 1;
        }
        if (!existing.fact().equals(fact)) {
            facts.put(key, new FactEntry(fact, existing.emitted()));
        }
        return 0;
    }

    private long now(long recordTimestamp) {
        return punctuation == PunctuationType.STREAM_TIME ? recordTimestamp : context.currentSystemTimeMs();
    }

    private void emitInactive(long timestamp) {
        // Due keys sort by time first; every key below "<threshold + 1><SEP>" was last updated at or before the threshold.
        String upTo = KgState.dueKey(timestamp - inactivity.toMillis() + 1, "");
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, String> it = due.range(null, upTo)) {
            it.forEachRemaining(kv -> quiet.add(kv.value));
        }
        for (String entityKey : quiet) {
            emit(entityKey, context.currentStreamTimeMs());
        }
    }

    private void emit(String entityKey, long timestamp) {
        List<Fact> out = new ArrayList<>();
        List<Fact> in = new ArrayList<>();
        List<Fact> newOut = new ArrayList<>();
        Set<String> newIds = new HashSet<>();
        List<KeyValue<String, FactEntry>> toMark = new ArrayList<>();
        try (KeyValueIterator<String, FactEntry> it = facts.prefixScan(KgState.entityPrefix(entityKey), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, FactEntry> kv = it.next();
                boolean outgoing = kv.key.startsWith(KgState.entityPrefix(entityKey) + Direction.OUT.name() + KgState.SEP);
                Fact f = kv.value.fact();
                (outgoing ? out : in).add(f);
                if (!kv.value.emitted()) {
                    newIds.add(f.id());
                    if (outgoing) {
                        newOut.add(f);
                    }
                    toMark.add(kv);
                }
            }
        }
        List<Subgraph> graphs = new ArrayList<>(sampler.facts(newOut));
        if (!newOut.isEmpty()) {
            sampler.star(entityKey, out).ifPresent(graphs::add);
        }
        for (Subgraph p : sampler.paths(entityKey, in, out)) {
            if (newIds.contains(p.facts().get(0).id()) || newIds.contains(p.facts().get(1).id())) {
                graphs.add(p);
            }
        }
        for (Subgraph g : graphs) {
            KgTextRewriter.KgText text = rewriter.toCorpus(g);
            recordGeneric(text.genericRelations());
            context.forward(new Record<>(text.corpus().getId(), text.corpus(), timestamp));
        }
        for (KeyValue<String, FactEntry> kv : toMark) {
            facts.put(kv.key, new FactEntry(kv.value.fact(), true));
        }
        EntityMeta m = meta.get(entityKey);
        if (m != null) {
            due.delete(KgState.dueKey(m.lastUpdateMs(), entityKey));
            meta.delete(entityKey);
        }
    }

    private void recordGeneric(Set<String> relations) {
        for (String r : relations) {
            genericRelations.record(1.0);
            if (loggedGeneric.add(r)) {
                LOG.warn("KG relation '{}' has no template and is rendered generically; add it to RelationTemplates", r);
            }
        }
    }
}
