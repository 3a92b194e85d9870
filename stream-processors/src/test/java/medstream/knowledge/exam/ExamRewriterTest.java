package medstream.knowledge.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import medstream.contracts.EvalItem;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Instruction;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;
import medstream.knowledge.InvalidRecordException;
import org.junit.jupiter.api.Test;

class ExamRewriterTest {
    /** MMLU dev is held out by default; these tests train on it through an override, as a config file can. */
    private final ExamRewriter rewriter = new ExamRewriter(
            SplitPolicy.defaults().with("mmlu-medical", "dev", SplitPolicy.Route.TRAIN));

    static ExamQuestion question(String id, String source, String split, String language, String stem, String key,
                                 String explanation, String... options) {
        List<Option> opts = new java.util.ArrayList<>();
        for (int i = 0; i < options.length; i++) {
            opts.add(new Option(String.valueOf((char) ('A' + i)), options[i]));
        }
        return ExamQuestion.newBuilder().setId(id).setSource(source).setSplit(split).setLanguage(language)
                .setQuestion(stem).setOptions(opts).setAnswerKey(key).setExplanation(explanation).build();
    }

    /** Shaped like medqa_us_4opt_test.jsonl realidx 1. */
    static final ExamQuestion MEDQA_TEST = question("medqa-usmle:1", "medqa-usmle", "test", "en",
            "A 67-year-old man has ringing in his ear after neoadjuvant chemotherapy for bladder cancer. The expected "
                    + "beneficial effect of the drug that caused his symptoms is most likely due to which of the following actions?",
            "D", null, "Inhibition of proteasome", "Hyperstabilization of microtubules", "Generation of free radicals",
            "Cross-linking of DNA");
    /** Shaped like mmlu-medical/dev/anatomy_dev.csv. */
    static final ExamQuestion MMLU_DEV = question("mmlu-medical:dev:anatomy:0", "mmlu-medical", "dev", "en",
            "A lesion causing compression of the facial nerve at the stylomastoid foramen will cause ipsilateral", "A", null,
            "paralysis of the facial muscles.", "paralysis of the facial muscles and loss of taste.",
            "paralysis of the facial muscles, loss of taste and lacrimation.",
            "paralysis of the facial muscles, loss of taste, lacrimation and decreased salivation.");

    @Test
    void givenMedqaTestQuestion_whenRewritten_thenOnlyAnEvaluationItem() {
        ExamRewriter.ExamOutputs out = rewriter.rewrite(MEDQA_TEST);

        assertThat(out.knowledge()).isEmpty();
        assertThat(out.instruction()).isEmpty();
        assertThat(out.task()).isEmpty();
        EvalItem eval = out.eval().orElseThrow();
        assertThat(eval.getId()).isEqualTo("medqa-usmle:1");
        assertThat(eval.getBenchmark()).isEqualTo("medqa");
        assertThat(eval.getSplit()).isEqualTo("test");
        assertThat(eval.getAnswer()).isEqualTo("D");
        assertThat(eval.getOptions()).hasSize(4);
        assertThat(eval.getQuestion()).isEqualTo(MEDQA_TEST.getQuestion());
    }

    @Test
    void givenMmluDevQuestionUnderDefaultPolicy_whenRewritten_thenEvaluationOnly() {
        ExamRewriter.ExamOutputs out = new ExamRewriter(SplitPolicy.defaults()).rewrite(MMLU_DEV);

        assertThat(out.eval()).isPresent();
        assertThat(out.knowledge()).isEmpty();
    }

    @Test
    void givenMedmcqaDevSubsetQuestion_whenRewritten_thenEvaluationOnly() {
        ExamQuestion q = question("medmcqa:17360c6c", "medmcqa", "dev", "en", "Concentration of tropicamide:", "A", null,
                "0.01", "0.02", "0.03", "0.04");

        assertThat(rewriter.rewrite(q).eval()).isPresent();
        assertThat(rewriter.rewrite(q).task()).isEmpty();
    }

    @Test
    void givenMmluDevQuestion_whenRewritten_thenKnowledgeInstructionAndGoldTask() {
        ExamRewriter.ExamOutputs out = rewriter.rewrite(MMLU_DEV);

        assertThat(out.eval()).isEmpty();
        assertThat(out.knowledge().orElseThrow().getText()).isEqualTo("A lesion causing compression of the facial nerve at "
                + "the stylomastoid foramen will cause ipsilateral paralysis of the facial muscles.");
        assertThat(out.knowledge().orElseThrow().getSourceKind()).isEqualTo("EXAM_KNOWLEDGE");
        assertThat(out.knowledge().orElseThrow().getId()).isEqualTo("exam-knowledge:mmlu-medical:dev:anatomy:0");
        Instruction ins = out.instruction().orElseThrow();
        assertThat(ins.getInstruction()).isEqualTo(MMLU_DEV.getQuestion() + "\n"
                + "A. paralysis of the facial muscles.\n"
                + "B. paralysis of the facial muscles and loss of taste.\n"
                + "C. paralysis of the facial muscles, loss of taste and lacrimation.\n"
                + "D. paralysis of the facial muscles, loss of taste, lacrimation and decreased salivation.");
        assertThat(ins.getOutput()).isEqualTo("The answer is A: paralysis of the facial muscles.");
        McqTask task = out.task().orElseThrow();
        assertThat(task.getFamily()).isEqualTo(TaskFamily.MMLU);
        assertThat(task.getAnswer()).isEqualTo("A");
        assertThat(task.getLabelOrigin()).isEqualTo(LabelOrigin.GOLD);
        assertThat(task.getSampleWeight()).isEqualTo(1.0);
        assertThat(task.getId()).isEqualTo("mcq:mmlu-medical:dev:anatomy:0");
    }

    @Test
    void givenTrainingQuestionWithExplanation_whenRewritten_thenInstructionAnswersWithExplanation() {
        ExamQuestion q = question("medmcqa:train:1", "medmcqa", "train", "en", "Drug of choice for absence seizures:", "B",
                "Ethosuximide blocks T-type calcium channels.", "Phenytoin", "Ethosuximide", "Carbamazepine", "Lamotrigine");

        ExamRewriter.ExamOutputs out = rewriter.rewrite(q);

        assertThat(out.instruction().orElseThrow().getOutput())
                .isEqualTo("The answer is B: Ethosuximide.\nExplanation: Ethosuximide blocks T-type calcium channels.");
        assertThat(out.knowledge().orElseThrow().getText())
                .isEqualTo("Drug of choice for absence seizures is ethosuximide. Ethosuximide blocks T-type calcium channels.");
        assertThat(out.task().orElseThrow().getExplanation()).isEqualTo("Ethosuximide blocks T-type calcium channels.");
        assertThat(out.task().orElseThrow().getFamily()).isEqualTo(TaskFamily.MEDMCQA);
    }

    @Test
    void givenChineseTrainingQuestion_whenRewritten_thenChineseRecords() {
        ExamQuestion q = question("cmb-exam:train:7", "cmb-exam", "train", "zh", "治疗梅毒首选的药物是（ ）", "C", "青霉素是治疗梅毒的首选药物",
                "红霉素", "四环素", "青霉素", "头孢曲松");

        ExamRewriter.ExamOutputs out = rewriter.rewrite(q);

        assertThat(out.knowledge().orElseThrow().getText()).isEqualTo("治疗梅毒首选的药物是青霉素。青霉素是治疗梅毒的首选药物。");
        assertThat(out.instruction().orElseThrow().getOutput()).isEqualTo("答案是C：青霉素。\n解析：青霉素是治疗梅毒的首选药物");
        assertThat(out.task().orElseThrow().getFamily()).isEqualTo(TaskFamily.OTHER);
        assertThat(out.task().orElseThrow().getLanguage()).isEqualTo("zh");
    }

    @Test
    void givenSameQuestionTwice_whenRewritten_thenIdenticalRecordsAndKeys() {
        assertThat(rewriter.rewrite(MMLU_DEV)).isEqualTo(rewriter.rewrite(MMLU_DEV));
    }

    @Test
    void givenAnswerKeyNamingNoOption_whenRewritten_thenInvalidRecordNamesIdAndKeys() {
        ExamQuestion bad = question("medqa-usmle:99", "medqa-usmle", "train", "en", "Which?", "E", null, "a", "b");

        assertThatThrownBy(() -> rewriter.rewrite(bad)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("medqa-usmle:99").hasMessageContaining("'E'").hasMessageContaining("[A, B]");
    }
}
