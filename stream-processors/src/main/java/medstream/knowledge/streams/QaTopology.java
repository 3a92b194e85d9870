package medstream.knowledge.streams;

import medstream.contracts.CorpusText;
import medstream.contracts.Instruction;
import medstream.contracts.QaPair;
import medstream.knowledge.qa.QaRewriter;
import medstream.knowledge.qa.QaRewriter.QaOutputs;
import medstream.topics.TopicCatalog;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * raw.qa-pairs -> stage1.corpus (question and answer text) and stage2.instructions. Pairs without an
 * answer (MedQuAD's MedlinePlus collections) go to stage.rejects with reason {@code EMPTY_ANSWER}.
 */
public final class QaTopology {
    /** Filter name of the QA rewriter's skips in stage.rejects. */
    static final String QA_FILTER = "knowledge.qa-rewrite";

    private QaTopology() { }

    /** One pair with what it became. */
    record Routed(QaPair input, QaOutputs outputs) { }

    /** The QA app alone. */
    public static Topology buildTopology(TopicCatalog catalog, KnowledgeConfig config) {
        KnowledgeBuilder kb = new KnowledgeBuilder(catalog);
        addTo(kb, config);
        return kb.build();
    }

    /** Adds the QA piece to a shared builder. */
    public static void addTo(KnowledgeBuilder kb, KnowledgeConfig config) {
        TopicCatalog catalog = kb.catalog();
        QaRewriter rewriter = new QaRewriter();
        KStream<String, QaPair> pairs = kb.source(catalog.rawQaPairs(), "qa-source");
        KStream<String, Routed> routed = pairs.mapValues(p -> new Routed(p, rewriter.rewrite(p)), Named.as("qa-rewrite"));
        kb.emitGuarded(routed, "qa-text", r -> r.outputs().text(), CorpusText::getId, catalog.stage1Corpus(),
                CorpusText::getText);
        kb.emitGuarded(routed, "qa-instructions", r -> r.outputs().instruction(), Instruction::getId,
                catalog.stage2Instructions(), Texts::of);
        kb.reject(routed.filter((k, r) -> r.outputs().skipReason().isPresent(), Named.as("qa-skipped"))
                .processValues(() -> new PolicySkipToReject<Routed>(QA_FILTER, r -> new PolicySkipToReject.Verdict(
                                r.input().getId(), r.input().getSource(), r.outputs().skipReason().orElseThrow(),
                                "QA pair " + r.input().getId() + " not used: expected a non-empty answer, got "
                                        + r.outputs().skipReason().orElseThrow())),
                        Named.as("qa-skip-reject")), "qa-skip");
    }
}
