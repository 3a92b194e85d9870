package medstream.knowledge.exam;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import medstream.contracts.CorpusText;
import medstream.contracts.EvalItem;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Instruction;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;
import medstream.knowledge.Ids;
import medstream.knowledge.InvalidRecordException;
import medstream.knowledge.TextUnits;

/**
 * Turns one exam question into its training records (a stage-1 knowledge point, a stage-2 instruction
 * and a stage-3 multiple-choice task) when its split may be trained on, or into an evaluation item
 * only when it is held out. Never both: an evaluation question produces no training record at all.
 */
public final class ExamRewriter {
    /** Kinds used in derived ids. */
    public static final String KNOWLEDGE_KIND = "exam-knowledge";
    public static final String INSTRUCTION_KIND = "exam-instruction";
    public static final String TASK_KIND = "mcq";

    /**
     * What one question becomes. Either the three training records are present, or only {@code eval}.
     *
     * @param decision the split decision that chose the branch
     * @param rule     the knowledge-point rule used (null for evaluation items)
     */
    public record ExamOutputs(Optional<CorpusText> knowledge, Optional<Instruction> instruction, Optional<McqTask> task,
                              Optional<EvalItem> eval, SplitPolicy.Decision decision, KnowledgePointRewriter.Rule rule) { }

    private final SplitPolicy policy;
    private final KnowledgePointRewriter knowledge = new KnowledgePointRewriter();

    /** A rewriter that routes by the given split policy. */
    public ExamRewriter(SplitPolicy policy) {
        this.policy = policy;
    }

    /**
     * The records for one question.
     *
     * @throws InvalidRecordException when the question has no options, an empty stem or an answer key
     *                                that names none of its options
     */
    public ExamOutputs rewrite(ExamQuestion q) {
        Option correct = validate(q);
        String language = q.getLanguage() == null ? "en" : q.getLanguage();
        SplitPolicy.Decision decision = policy.decide(q.getSource(), q.getSplit());
        if (decision.isEval()) {
            EvalItem eval = EvalItem.newBuilder()
                    .setId(q.getId())
                    .setBenchmark(decision.benchmark())
                    .setSplit(decision.split())
                    .setQuestion(q.getQuestion())
                    .setContext(null)
                    .setOptions(q.getOptions())
                    .setAnswer(q.getAnswerKey())
                    .setLanguage(language)
                    .build();
            return new ExamOutputs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(eval), decision, null);
        }
        List<String> others = q.getOptions().stream().filter(o -> o != correct).map(Option::getText).toList();
        KnowledgePointRewriter.KnowledgePoint point =
                knowledge.rewrite(q.getQuestion(), correct.getText(), others, q.getExplanation(), language);
        CorpusText corpus = CorpusText.newBuilder()
                .setId(Ids.derived(KNOWLEDGE_KIND, q.getId()))
                .setText(point.text())
                .setLanguage(language)
                .setSourceKind("EXAM_KNOWLEDGE")
                .setSource(q.getSource())
                .setOriginIds(List.of(q.getId()))
                .setApproxTokens(TextUnits.approxTokens(point.text()))
                .build();
        Instruction instruction = Instruction.newBuilder()
                .setId(Ids.derived(INSTRUCTION_KIND, q.getId()))
                .setInstruction(questionWithOptions(q))
                .setInput("")
                .setOutput(answerWithExplanation(correct, q.getExplanation(), language))
                .setLanguage(language)
                .setSource(q.getSource())
                .setOriginIds(List.of(q.getId()))
                .build();
        McqTask task = McqTask.newBuilder()
                .setId(Ids.derived(TASK_KIND, q.getId()))
                .setFamily(family(q.getSource()))
                .setLanguage(language)
                .setQuestion(q.getQuestion())
                .setContext(null)
                .setOptions(q.getOptions())
                .setAnswer(correct.getKey())
                .setExplanation(blankToNull(q.getExplanation()))
                .setLabelOrigin(LabelOrigin.GOLD)
                .setSampleWeight(1.0)
                .setSource(q.getSource())
                .build();
        return new ExamOutputs(Optional.of(corpus), Optional.of(instruction), Optional.of(task), Optional.empty(),
                decision, point.rule());
    }

    /** The question followed by one line per option: "A. text". */
    public static String questionWithOptions(ExamQuestion q) {
        return q.getQuestion().strip() + "\n" + q.getOptions().stream()
                .map(o -> o.getKey() + ". " + o.getText().strip())
                .collect(Collectors.joining("\n"));
    }

    /** "The answer is B: text." and the explanation on the next line when there is one. */
    static String answerWithExplanation(Option correct, String explanation, String language) {
        boolean zh = "zh".equals(language);
        String answer = zh
                ? "答案是" + correct.getKey() + "：" + TextUnits.terminate(correct.getText(), "zh")
                : "The answer is " + correct.getKey() + ": " + TextUnits.terminate(correct.getText(), "en");
        if (explanation == null || explanation.isBlank()) {
            return answer;
        }
        return answer + "\n" + (zh ? "解析：" : "Explanation: ") + explanation.strip();
    }

    /** The task family of a data set. */
    public static TaskFamily family(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        if (s.startsWith("medmcqa")) {
            return TaskFamily.MEDMCQA;
        }
        if (s.startsWith("medqa")) {
            return TaskFamily.MEDQA;
        }
        if (s.startsWith("mmlu")) {
            return TaskFamily.MMLU;
        }
        if (s.startsWith("pubmedqa")) {
            return TaskFamily.PUBMEDQA;
        }
        return TaskFamily.OTHER;
    }

    private static Option validate(ExamQuestion q) {
        if (q.getQuestion() == null || q.getQuestion().isBlank()) {
            throw new InvalidRecordException(q.getId(), "empty question stem");
        }
        if (q.getOptions().isEmpty()) {
            throw new InvalidRecordException(q.getId(), "no options; an exam question needs at least two");
        }
        return q.getOptions().stream().filter(o -> o.getKey().equals(q.getAnswerKey())).findFirst()
                .orElseThrow(() -> new InvalidRecordException(q.getId(), "answer key '" + q.getAnswerKey()
                        + "' names none of the options " + q.getOptions().stream().map(Option::getKey).toList()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
