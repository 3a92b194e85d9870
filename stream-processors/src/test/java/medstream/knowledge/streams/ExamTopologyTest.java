package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import medstream.contracts.CleanReject;
import medstream.contracts.DeadLetter;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Option;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExamTopologyTest {
    private DriverFixture f;
    private TestInputTopic<String, ExamQuestion> in;

    static ExamQuestion question(String id, String source, String split, String stem, String key, String... options) {
        List<Option> opts = new ArrayList<>();
        for (int i = 0; i < options.length; i++) {
            opts.add(new Option(String.valueOf((char) ('A' + i)), options[i]));
        }
        return ExamQuestion.newBuilder().setId(id).setSource(source).setSplit(split).setQuestion(stem).setOptions(opts)
                .setAnswerKey(key).build();
    }

    static final ExamQuestion MEDQA_TEST = question("medqa-usmle:1", "medqa-usmle", "test",
            "A 67-year-old man has tinnitus after neoadjuvant chemotherapy. The expected beneficial effect of the drug "
                    + "that caused his symptoms is most likely due to which of the following actions?",
            "D", "Inhibition of proteasome", "Hyperstabilization of microtubules", "Generation of free radicals",
            "Cross-linking of DNA");
    static final ExamQuestion MMLU_VAL = question("mmlu-medical:val:anatomy:3", "mmlu-medical", "val",
            "Which of the following is the body cavity that contains the pituitary gland?", "B",
            "Abdominal", "Cranial", "Pleural", "Spinal");

    /** MMLU val is held out by default; the override makes it a training split, as a config file can. */
    static final KnowledgeConfig TRAIN_ON_MMLU_VAL = KnowledgeConfig.defaults()
            .withSplitPolicy(KnowledgeConfig.splitPolicy("mmlu-medical/val=TRAIN"));

    @BeforeEach
    void start() {
        f = new DriverFixture(ExamTopology::buildTopology, TRAIN_ON_MMLU_VAL);
        in = f.input(f.catalog.rawExamQuestions());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void givenEvaluationSplitQuestion_whenProcessed_thenOnlyAnEvalItemAndNothingInAnyStage() {
        in.pipeInput("k1", MEDQA_TEST);

        assertThat(f.eval.readKeyValuesToMap()).containsOnlyKeys("medqa-usmle:1");
        assertThat(f.stage1.isEmpty()).isTrue();
        assertThat(f.stage2.isEmpty()).isTrue();
        assertThat(f.stage3.isEmpty()).isTrue();
    }

    @Test
    void givenTrainingSplitQuestion_whenProcessed_thenOneRecordPerStageKeyedByStableIds() {
        in.pipeInput("k2", MMLU_VAL);

        assertThat(f.stage1.readKeyValuesToMap()).containsOnlyKeys("exam-knowledge:mmlu-medical:val:anatomy:3")
                .extractingByKey("exam-knowledge:mmlu-medical:val:anatomy:3")
                .satisfies(c -> assertThat(c.getText()).isEqualTo("The body cavity that contains the pituitary gland is cranial."));
        assertThat(f.stage2.readKeyValuesToMap()).containsOnlyKeys("exam-instruction:mmlu-medical:val:anatomy:3");
        assertThat(f.stage3.readKeyValuesToMap()).containsOnlyKeys("mcq:mmlu-medical:val:anatomy:3");
        assertThat(f.eval.isEmpty()).isTrue();
    }

    @Test
    void givenSameQuestionsSentTwice_whenProcessed_thenSameOutputKeysAndValues() {
        in.pipeInput("k1", MEDQA_TEST);
        in.pipeInput("k2", MMLU_VAL);
        var first = List.of(f.stage1.readKeyValuesToList(), f.stage2.readKeyValuesToList(), f.stage3.readKeyValuesToList(),
                f.eval.readKeyValuesToList());

        in.pipeInput("k1-again", MEDQA_TEST);
        in.pipeInput("k2-again", MMLU_VAL);
        var second = List.of(f.stage1.readKeyValuesToList(), f.stage2.readKeyValuesToList(), f.stage3.readKeyValuesToList(),
                f.eval.readKeyValuesToList());

        assertThat(second).isEqualTo(first);
        assertThat(first).allSatisfy(l -> assertThat(l).hasSize(1));
    }

    @Test
    void givenAnswerKeyNamingNoOption_whenProcessed_thenDeadLetterAndTheStreamGoesOn() {
        in.pipeInput("bad", question("medqa-usmle:train:9", "medqa-usmle", "train", "Which drug?", "E", "a", "b"));
        in.pipeInput("k2", MMLU_VAL);

        List<DeadLetter> letters = f.dlq.readValuesToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getErrorClass()).isEqualTo("InvalidRecordException");
        assertThat(letters.get(0).getDescription()).contains("medqa-usmle:train:9").contains("exam-rewrite");
        assertThat(letters.get(0).getOffset()).isEqualTo(0L);
        assertThat(f.stage3.readKeyValuesToMap()).containsOnlyKeys("mcq:mmlu-medical:val:anatomy:3");
    }

    @Test
    void givenTrainingQuestionSharingA13GramWithAnEarlierEvalItem_whenProcessed_thenHeldBackAsContaminated() {
        ExamQuestion test = question("mmlu-medical:test/clinical_knowledge/5", "mmlu-medical", "test",
                "When branched chain amino acids are deaminated in muscle, the ammonia produced is mostly:", "A",
                "converted into alanine and glutamine and released into the blood.", "converted into urea.");
        ExamQuestion valTwin = question("mmlu-medical:val/clinical_knowledge/27", "mmlu-medical", "val",
                "When branched chain amino acids are deaminated in muscle, the ammonia produced is mostly:", "A",
                "converted into alanine and glutamine and released into the blood.", "used to make purines.");

        in.pipeInput("t", test);
        in.pipeInput("v", valTwin);
        in.pipeInput("k2", MMLU_VAL);

        assertThat(f.stage1.readKeyValuesToMap()).containsOnlyKeys("exam-knowledge:mmlu-medical:val:anatomy:3");
        assertThat(f.stage2.readKeyValuesToMap()).containsOnlyKeys("exam-instruction:mmlu-medical:val:anatomy:3");
        assertThat(f.stage3.readKeyValuesToMap()).containsOnlyKeys("mcq:mmlu-medical:val:anatomy:3");
        assertThat(f.dlq.isEmpty()).isTrue();
        List<CleanReject> rejects = f.rejects.readValuesToList();
        assertThat(rejects).hasSize(3).allSatisfy(r -> {
            assertThat(r.getReasonCode()).isEqualTo("CONTAMINATED");
            assertThat(r.getFilterName()).isEqualTo(KnowledgeBuilder.EVAL_GUARD_FILTER);
            assertThat(r.getDetail()).contains("mmlu-medical:test/clinical_knowledge/5");
            assertThat(r.getSource()).isEqualTo("mmlu-medical");
            assertThat(r.getLineage().getOffset()).isEqualTo(1L);
        });
    }
}
