package medstream.knowledge.streams;

import medstream.contracts.CorpusText;
import medstream.contracts.EvalItem;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Instruction;
import medstream.contracts.McqTask;
import medstream.knowledge.exam.ExamRewriter;
import medstream.knowledge.exam.ExamRewriter.ExamOutputs;
import medstream.topics.TopicCatalog;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * raw.exam-questions -> stage1.corpus (knowledge points), stage2.instructions, stage3.tasks for
 * training splits; eval.items only for held-out splits ({@link medstream.knowledge.exam.SplitPolicy}).
 * A question whose answer key names no option goes to the DLQ (the processing exception handler).
 */
public final class ExamTopology {
    private ExamTopology() { }

    /** The exam app alone. */
    public static Topology buildTopology(TopicCatalog catalog, KnowledgeConfig config) {
        KnowledgeBuilder kb = new KnowledgeBuilder(catalog);
        addTo(kb, config);
        return kb.build();
    }

    /** Adds the exam piece to a builder shared with the other knowledge pieces. */
    public static void addTo(KnowledgeBuilder kb, KnowledgeConfig config) {
        TopicCatalog catalog = kb.catalog();
        ExamRewriter rewriter = new ExamRewriter(config.splitPolicy());
        KStream<String, ExamQuestion> questions = kb.source(catalog.rawExamQuestions(), "exam-source");
        KStream<String, ExamOutputs> routed = questions.mapValues(rewriter::rewrite, Named.as("exam-rewrite"));
        kb.emit(routed, "exam-eval-items", ExamOutputs::eval, EvalItem::getId, catalog.evalItems());
        kb.emitGuarded(routed, "exam-knowledge", ExamOutputs::knowledge, CorpusText::getId, catalog.stage1Corpus(),
                CorpusText::getText);
        kb.emitGuarded(routed, "exam-instructions", ExamOutputs::instruction, Instruction::getId,
                catalog.stage2Instructions(), Texts::of);
        kb.emitGuarded(routed, "exam-tasks", ExamOutputs::task, McqTask::getId, catalog.stage3Tasks(), Texts::of);
    }
}
