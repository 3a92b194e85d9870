package medstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import medstream.contracts.ExamQuestion;
import medstream.contracts.KgTriplet;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.PubMedQaSubset;
import medstream.contracts.QaPair;
import medstream.contracts.RawDocument;
import org.junit.jupiter.api.Test;

/**
 * Every adapter against the real files in ../shared/data: the counts each SOURCE.txt documents, no dead
 * letters, and one distinct key per record.
 */
class SharedDataCountsTest {
    private final Sources sources = Sources.defaults();

    private Tally read(String name) throws Exception {
        Tally t = Tally.of(sources.get(name), SharedData.of(name));
        assertThat(t.failures).as("dead letters of %s", name).isEmpty();
        assertThat(t.keys).as("distinct keys of %s", name).hasSize((int) t.produced);
        return t;
    }

    private static <T> Map<String, Long> countBy(List<T> items, Function<T, String> f) {
        return items.stream().collect(Collectors.groupingBy(f, Collectors.counting()));
    }

    @Test
    void givenPqal_whenRead_then500LabeledItemsInTenDevFoldsOf50And500UnlabeledAndNoDocuments() throws Exception {
        Tally t = read("pubmedqa-pqal");

        List<PubMedQaItem> items = t.records(PubMedQaItem.class);
        List<PubMedQaItem> labeled = items.stream().filter(i -> i.getSubset() == PubMedQaSubset.PQA_L).toList();
        List<PubMedQaItem> unlabeled = items.stream().filter(i -> i.getSubset() == PubMedQaSubset.PQA_U).toList();
        assertThat(labeled).hasSize(500).allSatisfy(i -> {
            assertThat(i.getFinalDecision()).isIn("yes", "no", "maybe");
            assertThat(i.getFold()).isBetween(0, 9);
        });
        assertThat(countBy(labeled, i -> String.valueOf(i.getFold()))).hasSize(10).allSatisfy((f, n) -> assertThat(n)
                .isEqualTo(50));
        assertThat(unlabeled).hasSize(500).allSatisfy(i -> {
            assertThat(i.getFinalDecision()).isNull();
            assertThat(i.getLongAnswer()).isNotBlank();
        });
        assertThat(t.count(RawDocument.class)).isZero();
    }

    @Test
    void givenPqaaSample_whenRead_then500ItemsWith463YesAnd37NoAnd500Abstracts() throws Exception {
        Tally t = read("pubmedqa-pqaa-sample");

        List<PubMedQaItem> items = t.records(PubMedQaItem.class);
        assertThat(countBy(items, PubMedQaItem::getFinalDecision)).containsEntry("yes", 463L).containsEntry("no", 37L);
        assertThat(items).allSatisfy(i -> assertThat(i.getContexts()).isNotEmpty()
                .noneMatch(c -> c.contains("Context (")));
        assertThat(t.records(RawDocument.class)).hasSize(500)
                .allSatisfy(d -> assertThat(d.getKind()).isEqualTo("ABSTRACT"));
    }

    @Test
    void givenExamSets_whenRead_thenMedQa1273MedMcqa2816AndMmluDevValAndFinalTest() throws Exception {
        List<ExamQuestion> medqa = read("medqa-usmle").records(ExamQuestion.class);
        assertThat(countBy(medqa, ExamQuestion::getSubject)).containsEntry("step1", 679L).containsEntry("step2&3", 594L);
        assertThat(medqa).hasSize(1273).allSatisfy(q -> assertThat(q.getSplit()).isEqualTo("test"));

        List<ExamQuestion> medmcqa = read("medmcqa").records(ExamQuestion.class);
        assertThat(medmcqa).hasSize(2816).allSatisfy(q -> assertThat(q.getSplit()).isEqualTo("dev"));

        List<ExamQuestion> mmlu = read("mmlu-medical").records(ExamQuestion.class);
        assertThat(countBy(mmlu, ExamQuestion::getSplit)).containsExactlyInAnyOrderEntriesOf(
                Map.of("dev", 30L, "val", 123L, "test", 1089L));
        List<ExamQuestion> test = mmlu.stream().filter(q -> q.getSplit().equals("test")).toList();
        assertThat(countBy(test, ExamQuestion::getSubject)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "anatomy", 135L, "clinical_knowledge", 265L, "college_biology", 144L, "college_medicine", 173L,
                "medical_genetics", 100L, "professional_medicine", 272L));
    }

    @Test
    void givenMedQuad_whenRead_then16407AnsweredPairsPerCollectionAndTheRestCountedUnanswered() throws Exception {
        Tally t = read("medquad");

        List<QaPair> pairs = t.records(QaPair.class);
        assertThat(pairs).hasSize(16_407);
        assertThat(t.skipped).containsEntry(Entry.SKIPPED_UNANSWERED, 47_441L - 16_407L);
        Map<String, Long> byCollection = countBy(pairs, p -> p.getId().substring("medquad:".length()).split("/")[0]);
        assertThat(byCollection).containsExactlyInAnyOrderEntriesOf(Map.of(
                "1_CancerGov_QA", 729L, "2_GARD_QA", 5_389L, "3_GHR_QA", 5_430L, "4_MPlus_Health_Topics_QA", 981L,
                "5_NIDDK_QA", 1_192L, "6_NINDS_QA", 1_088L, "7_SeniorHealth_QA", 769L, "8_NHLBI_QA_XML", 559L,
                "9_CDC_QA", 270L));
    }

    @Test
    void givenHetionet_whenRead_thenEveryEdgeIsATripletWithResolvedNames() throws Exception {
        Tally t = read("hetionet");

        List<KgTriplet> triplets = t.records(KgTriplet.class);
        assertThat(triplets).hasSize(93_647).allSatisfy(k -> {
            assertThat(k.getSubjectName()).isNotBlank();
            assertThat(k.getObjectName()).isNotBlank();
        });
        Map<String, Long> byKinds = countBy(triplets, k -> k.getSubjectType() + " " + k.getRelation() + " "
                + k.getObjectType());
        assertThat(byKinds).containsEntry("Compound treats Disease", 755L).containsEntry("Compound palliates Disease", 390L)
                .containsEntry("Disease presents Symptom", 3_357L).containsEntry("Disease localizes Anatomy", 3_602L)
                .containsEntry("Disease resembles Disease", 543L).doesNotContainKey("Compound causes Side Effect");
    }

    @Test
    void givenDiseaseOntology_whenRead_thenIsAAndSymptomRowsAllBecomeTripletsAndCurrentDefinitionsAllBecomeDocuments()
            throws Exception {
        Tally t = read("disease-ontology");

        List<KgTriplet> triplets = t.records(KgTriplet.class);
        assertThat(triplets.stream().filter(k -> k.getRelation().equals("is_a"))).hasSize(12_296);
        assertThat(t.fromFile("/HumanDO.tsv")).isEqualTo(12_296);
        assertThat(t.fromFile("/disease-symptom.tsv")).isEqualTo(2_222);
        assertThat(t.fromFile("/DO-subClassOf-anonymous.tsv")).isPositive();
        assertThat(triplets).extracting(KgTriplet::getRelation).contains("has_material_basis_in", "transmitted_by",
                "has_allergic_trigger", "disease_has_location", "has_symptom", "existence_starts_during");
        List<RawDocument> docs = t.records(RawDocument.class);
        Set<String> current = docs.stream().filter(d -> d.getMetadata().get("file").endsWith("DO_rare_slim.obo"))
                .map(RawDocument::getId).collect(Collectors.toSet());
        List<RawDocument> older = docs.stream().filter(d -> d.getMetadata().get("file").endsWith(".obo.gz")).toList();
        // SOURCE.txt: 3,283 terms with def:, two of them obsolete (is_obsolete: true), which are skipped.
        assertThat(current).hasSize(3_283 - 2);
        assertThat(t.skipped).containsKey("skipped_obsolete");
        assertThat(older).isNotEmpty().hasSizeLessThan(3_298)
                .allSatisfy(d -> assertThat(current).doesNotContain(d.getId()));
    }

    @Test
    void givenChineseSets_whenRead_thenSpo13864Huatuo8658Plus1000AndCmb208() throws Exception {
        List<KgTriplet> spo = read("kbert-medical-spo").records(KgTriplet.class);
        assertThat(spo).hasSize(13_864).allSatisfy(k -> assertThat(k.getLanguage()).isEqualTo("zh"));
        assertThat(countBy(spo, KgTriplet::getObject)).containsEntry("疾病", 7_392L).containsEntry("症状", 5_278L);

        List<QaPair> huatuo = read("huatuo-bentsao-cmekg-qa").records(QaPair.class);
        assertThat(countBy(huatuo, QaPair::getSource)).containsExactlyInAnyOrderEntriesOf(
                Map.of("huatuo-cmekg", 8_658L, "huatuo-liver", 1_000L));

        List<QaPair> cmb = read("cmb-clin").records(QaPair.class);
        assertThat(cmb).hasSize(208).allSatisfy(q -> assertThat(q.getContext()).isNotBlank());
        assertThat(cmb.stream().map(q -> q.getId().split("/")[0]).distinct()).hasSize(74);
    }
}
