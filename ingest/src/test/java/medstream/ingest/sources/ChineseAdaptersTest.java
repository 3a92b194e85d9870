package medstream.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import medstream.contracts.KgTriplet;
import medstream.contracts.QaPair;
import medstream.ingest.Fixtures;
import medstream.ingest.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChineseAdaptersTest {
    @TempDir
    Path data;

    @Test
    void givenSpoLines_whenRead_thenZhTripletsWithTheCategoryAsSubjectType_andAShortLineIsADeadLetter()
            throws Exception {
        Path dir = data.resolve("kbert-medical-spo");
        Fixtures.write(dir, "Medical.spo", "示例病\t类别\t疾病", "头痛样症状\t类别\t症状", "缺列\t类别");
        Tally t = Tally.of(new KbertSpoAdapter(), dir);

        KgTriplet first = t.records(KgTriplet.class).get(0);
        assertThat(first.getSubject()).isEqualTo("示例病");
        assertThat(first.getSubjectType()).isEqualTo("疾病");
        assertThat(first.getRelation()).isEqualTo("类别");
        assertThat(first.getObject()).isEqualTo("疾病");
        assertThat(first.getLanguage()).isEqualTo("zh");
        assertThat(t.keys).contains("KgTriplet|kbert-medical-spo:示例病|类别|疾病");
        assertThat(t.failures).singleElement().satisfies(f -> assertThat(f.origin().line()).isEqualTo(3));
    }

    @Test
    void givenHuatuoFiles_whenRead_thenTwoRecordSourcesAndTheDialoguesLastUserTurnIsTheQuestion() throws Exception {
        Path dir = data.resolve("huatuo-bentsao-cmekg-qa");
        Fixtures.write(dir, "llama_data.jsonl",
                "{\"instruction\": \"示例病应该怎么治疗？\", \"input\": \"\", \"output\": \"多休息，多喝水。\"}");
        Fixtures.write(dir, "liver_cancer_literature.json", "[",
                "{\"instruction\": \" <user>: 肝癌能治吗？ <bot>: 早期可以手术。 <user>: 晚期呢？\", \"input\": \"\","
                        + " \"output\": \"晚期可考虑综合治疗。\"},",
                "{\"instruction\": \" <user>: 单轮问题？\", \"input\": \"\", \"output\": \"单轮回答。\"}",
                "]");
        Tally t = Tally.of(new HuatuoAdapter(), dir);

        List<QaPair> qa = t.records(QaPair.class);
        assertThat(qa).extracting(QaPair::getSource).containsExactly("huatuo-cmekg", "huatuo-liver", "huatuo-liver");
        assertThat(qa.get(0).getId()).matches("huatuo-cmekg:[0-9a-f]{16}");
        assertThat(qa.get(0).getContext()).isNull();
        assertThat(qa.get(1).getQuestion()).isEqualTo("晚期呢？");
        assertThat(qa.get(1).getContext()).isEqualTo("<user>: 肝癌能治吗？ <bot>: 早期可以手术。");
        assertThat(qa.get(1).getAnswer()).isEqualTo("晚期可考虑综合治疗。");
        assertThat(qa.get(2).getQuestion()).isEqualTo("单轮问题？");
        assertThat(qa.get(2).getContext()).isNull();
        assertThat(qa).allSatisfy(q -> assertThat(q.getLanguage()).isEqualTo("zh"));
    }

    @Test
    void givenCmbCases_whenRead_thenEachPairGetsTheDescriptionButNotTheTitleAsContext() throws Exception {
        Path dir = data.resolve("cmb-clin");
        Fixtures.write(dir, "CMB-Clin-qa.json", "[",
                "{\"id\": \"0\", \"title\": \"案例分析-示例病\", \"description\": \"现病史\\n病人，男，40岁，发热两天。\",",
                " \"QA_pairs\": [{\"question\": \"诊断是什么？\", \"answer\": \"示例病。\"},",
                "                {\"question\": \"如何治疗？\", \"answer\": \"对症治疗。\"},",
                "                {\"question\": \"缺答案？\"}]}",
                "]");
        Tally t = Tally.of(new CmbClinAdapter(), dir);

        List<QaPair> qa = t.records(QaPair.class);
        assertThat(qa).extracting(QaPair::getId).containsExactly("cmb-clin:0/1", "cmb-clin:0/2");
        assertThat(qa.get(0).getContext()).isEqualTo("现病史\n病人，男，40岁，发热两天。").doesNotContain("示例病");
        assertThat(t.failures).singleElement().satisfies(f -> {
            assertThat(f.origin().line()).isEqualTo(2);
            assertThat(f.description()).contains("QA pair 3 of case 0");
        });
    }
}
