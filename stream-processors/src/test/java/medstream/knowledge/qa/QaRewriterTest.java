package medstream.knowledge.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import medstream.contracts.CorpusText;
import medstream.contracts.Instruction;
import medstream.contracts.QaPair;
import medstream.knowledge.InvalidRecordException;
import org.junit.jupiter.api.Test;

class QaRewriterTest {
    private final QaRewriter rewriter = new QaRewriter();

    private static QaPair qa(String id, String source, String language, String q, String a, String context) {
        return QaPair.newBuilder().setId(id).setSource(source).setLanguage(language).setQuestion(q).setAnswer(a)
                .setContext(context).build();
    }

    @Test
    void givenMedquadPair_whenRewritten_thenQuestionAnswerTextAndInstruction() {
        QaPair p = qa("medquad:0000001-1", "medquad", "en", "What are the symptoms of Aarskog-Scott syndrome ?",
                "Aarskog-Scott syndrome mainly affects males. Signs include short stature and facial anomalies.", null);

        QaRewriter.QaOutputs out = rewriter.rewrite(p);

        CorpusText text = out.text().orElseThrow();
        assertThat(text.getText()).isEqualTo("What are the symptoms of Aarskog-Scott syndrome ?\n"
                + "Aarskog-Scott syndrome mainly affects males. Signs include short stature and facial anomalies.");
        assertThat(text.getSourceKind()).isEqualTo("QA");
        assertThat(text.getId()).isEqualTo("qa-text:medquad:0000001-1");
        assertThat(text.getOriginIds()).containsExactly("medquad:0000001-1");
        Instruction ins = out.instruction().orElseThrow();
        assertThat(ins.getInstruction()).isEqualTo("What are the symptoms of Aarskog-Scott syndrome ?");
        assertThat(ins.getInput()).isEmpty();
        assertThat(ins.getOutput()).startsWith("Aarskog-Scott syndrome mainly affects males.");
        assertThat(ins.getId()).isEqualTo("qa-instruction:medquad:0000001-1");
    }

    @Test
    void givenHuatuoCmekgPair_whenRewritten_thenChineseTextWithCharacterTokens() {
        QaPair p = qa("huatuo-cmekg:2", "huatuo-cmekg", "zh", "卵巢小细胞癌转移至其它部位，是否有必要进行手术治疗？",
                "一般不推荐手术治疗，可以采用化疗、放疗等综合治疗。", null);

        CorpusText text = rewriter.rewrite(p).text().orElseThrow();

        assertThat(text.getText()).isEqualTo("卵巢小细胞癌转移至其它部位，是否有必要进行手术治疗？\n一般不推荐手术治疗，可以采用化疗、放疗等综合治疗。");
        assertThat(text.getLanguage()).isEqualTo("zh");
        assertThat(text.getApproxTokens()).isEqualTo(46);
    }

    @Test
    void givenCmbClinCaseQuestion_whenRewritten_thenCaseIsInputAndOpensTheText() {
        String caseText = "病人，男，49岁，3小时前解大便后出现右下腹疼痛，右下腹可触及一包块。";
        QaPair p = qa("cmb-clin:0:0", "cmb-clin", "zh", "简述该病人的诊断及诊断依据。", "诊断：嵌顿性腹股沟斜疝合并肠梗阻。", caseText);

        QaRewriter.QaOutputs out = rewriter.rewrite(p);

        assertThat(out.text().orElseThrow().getText())
                .isEqualTo(caseText + "\n简述该病人的诊断及诊断依据。\n诊断：嵌顿性腹股沟斜疝合并肠梗阻。");
        assertThat(out.instruction().orElseThrow().getInput()).isEqualTo(caseText);
        assertThat(out.instruction().orElseThrow().getInstruction()).isEqualTo("简述该病人的诊断及诊断依据。");
    }

    @Test
    void givenMedquadAnswerWithLayoutSpaces_whenRewritten_thenLinesTrimmedAndSpacesCollapsed() {
        QaPair p = qa("medquad:1_CancerGov_QA/0000001_1/1", "medquad", "en",
                "What is (are) Adult Acute Lymphoblastic Leukemia ?",
                "Key Points \n                     - Adult acute lymphoblastic leukemia (ALL) is a type of cancer.    "
                        + "- Leukemia may affect red blood cells.\n\n\n\nTreatment    varies.", null);

        assertThat(rewriter.rewrite(p).instruction().orElseThrow().getOutput()).isEqualTo("Key Points\n"
                + "- Adult acute lymphoblastic leukemia (ALL) is a type of cancer. - Leukemia may affect red blood cells.\n\n"
                + "Treatment varies.");
    }

    @Test
    void givenMedlinePlusPairWithEmptyAnswer_whenRewritten_thenSkippedWithReason() {
        QaRewriter.QaOutputs out = rewriter.rewrite(qa("medquad:mplus-1", "medquad", "en", "What is acne ?", " ", null));

        assertThat(out.text()).isEmpty();
        assertThat(out.instruction()).isEmpty();
        assertThat(out.skipReason()).contains(QaRewriter.EMPTY_ANSWER);
    }

    @Test
    void givenEmptyQuestion_whenRewritten_thenInvalidRecord() {
        assertThatThrownBy(() -> rewriter.rewrite(qa("medquad:x", "medquad", "en", "", "answer", null)))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("medquad:x");
    }
}
