package medstream.knowledge.exam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import medstream.knowledge.exam.KnowledgePointRewriter.KnowledgePoint;
import medstream.knowledge.exam.KnowledgePointRewriter.Rule;
import org.junit.jupiter.api.Test;

/** Questions written after the shapes of medqa_us_4opt_test.jsonl, medmcqa_dev_subset_2816.jsonl and MMLU's CSVs. */
class KnowledgePointRewriterTest {
    private final KnowledgePointRewriter rewriter = new KnowledgePointRewriter();

    private KnowledgePoint en(String q, String a) {
        return rewriter.rewrite(q, a, List.of(), null, "en");
    }

    @Test
    void givenVignetteEndingInWhichOfTheFollowingNoun_whenRewritten_thenVignetteKeptAndAnswerCompletesTheSentence() {
        KnowledgePoint p = en("A 67-year-old man with transitional cell carcinoma of the bladder has ringing in his ear "
                + "a week after neoadjuvant chemotherapy. The expected beneficial effect of the drug that caused his "
                + "symptoms is most likely due to which of the following actions?", "Cross-linking of DNA");

        assertThat(p.rule()).isEqualTo(Rule.TRAILING_WHICH);
        assertThat(p.text()).isEqualTo("A 67-year-old man with transitional cell carcinoma of the bladder has ringing in "
                + "his ear a week after neoadjuvant chemotherapy. The expected beneficial effect of the drug that caused "
                + "his symptoms is most likely due to cross-linking of DNA.");
    }

    @Test
    void givenWhichOfTheFollowingIsTheNoun_whenRewritten_thenNounBecomesSubject() {
        KnowledgePoint p = en("A 30-year-old woman has sudden dyspnea after a fall. Which of the following is the most "
                + "likely diagnosis?", "Tension pneumothorax");

        assertThat(p.rule()).isEqualTo(Rule.WHICH_IS);
        assertThat(p.text()).isEqualTo("A 30-year-old woman has sudden dyspnea after a fall. "
                + "The most likely diagnosis is tension pneumothorax.");
    }

    @Test
    void givenWhichOfTheFollowingIsAnAdjectivePhrase_whenRewritten_thenAnswerBecomesSubject() {
        KnowledgePoint p = en("Which of the following is most likely to be increased in this patient?", "Serum calcium");

        assertThat(p.text()).isEqualTo("Serum calcium is most likely to be increased in this patient.");
    }

    @Test
    void givenWhichOfTheFollowingNounVerbRest_whenRewritten_thenAnswerTakesTheNounsPlace() {
        assertThat(en("Which of the following drugs is most likely responsible for his tinnitus?", "Cisplatin").text())
                .isEqualTo("Cisplatin is most likely responsible for his tinnitus.");
        assertThat(en("Which of the following best explains these findings?", "Vitamin B12 deficiency").text())
                .isEqualTo("Vitamin B12 deficiency best explains these findings.");
    }

    @Test
    void givenWhatIsTheQuestion_whenRewritten_thenDeclarative() {
        KnowledgePoint p = en("What is the most appropriate next step in management?", "Needle decompression");

        assertThat(p.rule()).isEqualTo(Rule.WHAT_IS);
        assertThat(p.text()).isEqualTo("The most appropriate next step in management is needle decompression.");
    }

    @Test
    void givenMmluCompletionStems_whenRewritten_thenStemCompletedByAnswer() {
        assertThat(en("A lesion causing compression of the facial nerve at the stylomastoid foramen will cause ipsilateral",
                "paralysis of the facial muscles.").text())
                .isEqualTo("A lesion causing compression of the facial nerve at the stylomastoid foramen will cause "
                        + "ipsilateral paralysis of the facial muscles.");
        KnowledgePoint dished = en("A \"dished face\" profile is often associated with",
                "a recessive maxilla due to failure of elongation of the cranial base.");
        assertThat(dished.rule()).isEqualTo(Rule.COMPLETION);
        assertThat(dished.text()).isEqualTo("A \"dished face\" profile is often associated with a recessive maxilla due "
                + "to failure of elongation of the cranial base.");
    }

    @Test
    void givenMedmcqaColonStem_whenRewritten_thenNounPhraseIsAnswer() {
        assertThat(en("Concentration of tropicamide:", "0.01").text()).isEqualTo("Concentration of tropicamide is 0.01.");
        assertThat(en("Drug of choice for absence seizures:", "Ethosuximide").text())
                .isEqualTo("Drug of choice for absence seizures is ethosuximide.");
    }

    @Test
    void givenExceptQuestion_whenRewritten_thenOtherOptionsStatedAndAnswerNamedTheException() {
        KnowledgePoint p = rewriter.rewrite("All of the following are causes of hypercalcemia except:", "Hypothyroidism",
                List.of("Hyperparathyroidism", "Sarcoidosis", "Multiple myeloma"), null, "en");

        assertThat(p.rule()).isEqualTo(Rule.EXCEPT);
        assertThat(p.text()).isEqualTo("The following are causes of hypercalcemia: hyperparathyroidism, sarcoidosis "
                + "and multiple myeloma; hypothyroidism is the exception.");
    }

    @Test
    void givenNegatedOrUnmatchedQuestion_whenRewritten_thenHonestQuestionAnswerFallback() {
        KnowledgePoint negated = en("Which of the following is NOT a feature of nephrotic syndrome?", "Hematuria");
        KnowledgePoint unmatched = en("How does the resident proceed?", "Discloses the error");

        assertThat(negated.rule()).isEqualTo(Rule.FALLBACK);
        assertThat(negated.text()).isEqualTo("Question: Which of the following is NOT a feature of nephrotic syndrome? "
                + "Answer: Hematuria.");
        assertThat(unmatched.rule()).isEqualTo(Rule.FALLBACK);
    }

    @Test
    void givenLowerCaseNotInVignetteNotAboutOptions_whenRewritten_thenStillCompleted() {
        KnowledgePoint p = en("A pregnant woman has a son with Down syndrome. She does not want another affected child; "
                + "best advice to her is", "Amniocentesis with chromosomal analysis");

        assertThat(p.rule()).isEqualTo(Rule.COMPLETION);
        assertThat(p.text()).endsWith("best advice to her is amniocentesis with chromosomal analysis.");
    }

    @Test
    void givenExplanation_whenRewritten_thenAppendedAsSentence() {
        KnowledgePoint p = rewriter.rewrite("Drug of choice for absence seizures:", "Ethosuximide", List.of(),
                "Ethosuximide blocks T-type calcium channels in thalamic neurons", "en");

        assertThat(p.text()).isEqualTo("Drug of choice for absence seizures is ethosuximide. "
                + "Ethosuximide blocks T-type calcium channels in thalamic neurons.");
    }

    @Test
    void givenChineseBlankAndQuestionWord_whenRewritten_thenAnswerFillsTheGap() {
        KnowledgePoint blank = rewriter.rewrite("治疗梅毒首选的药物是（ ）", "青霉素", List.of(), null, "zh");
        KnowledgePoint word = rewriter.rewrite("糖尿病最常见的急性并发症是哪项？", "糖尿病酮症酸中毒", List.of(), null, "zh");
        KnowledgePoint leading = rewriter.rewrite("下列哪项是肝硬化最常见的并发症？", "上消化道出血", List.of(),
                "肝硬化门静脉高压导致食管胃底静脉曲张破裂出血", "zh");

        assertThat(blank.rule()).isEqualTo(Rule.ZH_BLANK);
        assertThat(blank.text()).isEqualTo("治疗梅毒首选的药物是青霉素。");
        assertThat(word.rule()).isEqualTo(Rule.ZH_QUESTION_WORD);
        assertThat(word.text()).isEqualTo("糖尿病最常见的急性并发症是糖尿病酮症酸中毒。");
        assertThat(leading.text()).isEqualTo("上消化道出血是肝硬化最常见的并发症。肝硬化门静脉高压导致食管胃底静脉曲张破裂出血。");
    }

    @Test
    void givenChineseNegatedQuestion_whenRewritten_thenQuestionAnswerFallback() {
        KnowledgePoint p = rewriter.rewrite("下列哪项不是糖尿病的典型症状？", "消瘦减轻", List.of(), null, "zh");

        assertThat(p.rule()).isEqualTo(Rule.FALLBACK);
        assertThat(p.text()).isEqualTo("问题：下列哪项不是糖尿病的典型症状？答案：消瘦减轻。");
    }

    @Test
    void givenTrueOfQuestionAnsweredByStatement_whenRewritten_thenItIsTrueThat() {
        KnowledgePoint p = en("Which of the following is true of the pupillary light reflex?", "It is a consensual reflex");

        assertThat(p.rule()).isEqualTo(Rule.TRUE_OF);
        assertThat(p.text()).isEqualTo("It is true of the pupillary light reflex that it is a consensual reflex.");
    }

    @Test
    void givenStemThatIsAFinishedSentence_whenRewritten_thenAnswerIsTheNextSentence() {
        KnowledgePoint p = en("A patient has damage to the spinal cord at the level of the sixth cervical vertebra.",
                "they will only be able to breathe quietly.");

        assertThat(p.text()).isEqualTo("A patient has damage to the spinal cord at the level of the sixth cervical vertebra. "
                + "They will only be able to breathe quietly.");
    }

    @Test
    void givenMedqaVignetteWithLabLines_whenRewritten_thenLinesKeptAndQuestionRewritten() {
        KnowledgePoint p = en("A 61-year-old man has decreased urinary output. Laboratory studies show:\nCreatinine 4.2 mg/dL\n"
                + "Renal biopsy shows intravascular spindle-shaped vacuoles. Which of the following is the most likely cause "
                + "of this patient's symptoms?\"", "Cholesterol embolization");

        assertThat(p.text()).isEqualTo("A 61-year-old man has decreased urinary output. Laboratory studies show:\nCreatinine 4.2 mg/dL\n"
                + "Renal biopsy shows intravascular spindle-shaped vacuoles. The most likely cause of this patient's symptoms "
                + "is cholesterol embolization.");
    }
}
