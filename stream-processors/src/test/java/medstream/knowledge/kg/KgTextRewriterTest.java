package medstream.knowledge.kg;

import static medstream.knowledge.kg.KgFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import medstream.contracts.CorpusText;
import medstream.knowledge.SharedData;
import org.junit.jupiter.api.Test;

class KgTextRewriterTest {
    private final KgTextRewriter rewriter = new KgTextRewriter();

    @Test
    void givenHetionetTreatsEdge_whenRenderedAsFact_thenOneSentenceWithNames() {
        assertThat(rewriter.fact(METFORMIN_T2DM).text()).isEqualTo("Metformin treats type 2 diabetes mellitus.");
    }

    @Test
    void givenRelationNamedByVerbAndKinds_whenRendered_thenSameAsMetaedgeAbbreviation() {
        Fact byVerb = hetionet("Compound::DB00331", "Metformin", "Compound", "treats",
                "Disease::DOID:9352", "type 2 diabetes mellitus", "Disease");
        Fact resemblesDisease = hetionet("Disease::DOID:9352", "type 2 diabetes mellitus", "Disease", "resembles",
                "Disease::DOID:9744", "type 1 diabetes mellitus", "Disease");
        Fact resemblesCompound = hetionet("Compound::DB00331", "Metformin", "Compound", "resembles",
                "Compound::DB00914", "Phenformin", "Compound");

        assertThat(rewriter.fact(byVerb).text()).isEqualTo(rewriter.fact(METFORMIN_T2DM).text());
        assertThat(rewriter.fact(resemblesDisease).text()).isEqualTo("Type 2 diabetes mellitus resembles type 1 diabetes mellitus.");
        assertThat(rewriter.fact(resemblesCompound).text()).isEqualTo("Metformin is chemically similar to Phenformin.");
    }

    @Test
    void givenMeshSymptomHeadings_whenRendered_thenRunningTextNames() {
        assertThat(rewriter.fact(T2DM_ABDOMINAL_OBESITY).text())
                .isEqualTo("Type 2 diabetes mellitus presents with abdominal obesity.");
    }

    @Test
    void givenHetionetStar_whenRendered_thenRelationsGroupedListsJoinedAndPronounContinues() {
        KgTextRewriter.Rendered star = rewriter.star(List.of(METFORMIN_PCOS, METFORMIN_T2DM, METFORMIN_NDUFB3, METFORMIN_SLC22A3));

        assertThat(star.text()).isEqualTo("Metformin treats polycystic ovary syndrome and type 2 diabetes mellitus. "
                + "It binds the proteins encoded by NDUFB3 and SLC22A3.");
        assertThat(star.genericRelations()).isEmpty();
    }

    @Test
    void givenDiseaseStarOfThreeRelations_whenRendered_thenEachRelationOneSentence() {
        KgTextRewriter.Rendered star = rewriter.star(List.of(T2DM_ABDOMINAL_OBESITY, T2DM_FLUSHING, T2DM_HINDLIMB));

        assertThat(star.text()).isEqualTo("Type 2 diabetes mellitus presents with abdominal obesity and flushing. "
                + "It localizes to the hindlimb.");
    }

    @Test
    void givenEveryHetionetMetaedgeOfTheSharedData_whenResolved_thenNoneFallsBackToGeneric() throws IOException {
        List<String> rows = Files.readAllLines(SharedData.root().resolve("hetionet/metaedges.tsv"), StandardCharsets.UTF_8);
        List<String> abbreviations = rows.stream().skip(1).map(r -> r.split("\t")[1].strip()).toList();
        TemplateRegistry registry = new TemplateRegistry();

        assertThat(abbreviations).hasSize(24);
        for (String abbreviation : abbreviations) {
            Fact f = hetionet("X::1", "x", "", abbreviation, "Y::2", "y", "");
            assertThat(registry.resolve(f).generic()).as(abbreviation).isFalse();
        }
    }

    @Test
    void givenDiseaseOntologyRestrictions_whenRenderedAsStar_thenFluentParagraph() {
        KgTextRewriter.Rendered star = rewriter.star(List.of(SMALLPOX_SKIN, SMALLPOX_VARIOLA, SMALLPOX_CONTACT, SMALLPOX_DROPLET));

        assertThat(star.text()).isEqualTo("Smallpox is located in the zone of skin. "
                + "It has its material basis in Orthopoxvirus variola. "
                + "It is transmitted via contact transmission and droplet spread transmission.");
    }

    @Test
    void givenDiseaseOntologyIsAAllergyAndSymptom_whenRenderedAsFacts_thenSentences() {
        assertThat(rewriter.fact(ASPIRIN_ALLERGY_IS_A).text()).isEqualTo("Aspirin allergy is a kind of drug allergy.");
        assertThat(rewriter.fact(ASPIRIN_ALLERGY_TRIGGER).text())
                .isEqualTo("Aspirin allergy is an allergy triggered by acetylsalicylic acid.");
        assertThat(rewriter.fact(MYOCARDITIS_INFLAMMATION).text()).isEqualTo("Myocarditis has the symptom inflammation.");
    }

    @Test
    void givenRelationSpelledWithSpacesOrUnderscores_whenResolved_thenSameTemplate() {
        Fact spaced = doid("DOID:0040002", "aspirin allergy", "has allergic trigger", "acetylsalicylic acid",
                "acetylsalicylic acid", "Chemical");
        assertThat(rewriter.fact(spaced).text()).isEqualTo(rewriter.fact(ASPIRIN_ALLERGY_TRIGGER).text());
    }

    @Test
    void givenKbertCategoryTriples_whenRendered_thenChineseSentencePerCategory() {
        assertThat(rewriter.fact(RABIES_CATEGORY).text()).isEqualTo("小儿狂犬病是一种疾病。");
        assertThat(rewriter.fact(RED_EYES_CATEGORY).text()).isEqualTo("眼睛发红是一种症状。");
        assertThat(rewriter.fact(zh("某物", "类别", "药品", "kbert-medical-spo")).text()).isEqualTo("某物属于药品类别。");
    }

    @Test
    void givenChineseCmekgStar_whenRendered_thenListJoinedWithChinesePunctuation() {
        KgTextRewriter.Rendered star = rewriter.star(List.of(ANEURYSM_JAUNDICE, ANEURYSM_ULTRASOUND, ANEURYSM_CTA, ANEURYSM_ANGIOGRAPHY));

        assertThat(star.text()).isEqualTo("肝动脉瘤可能并发梗阻性黄疸。它的辅助检查包括彩色多普勒超声、CTA和动脉造影。");
    }

    @Test
    void givenTwoHopHetionetPath_whenRendered_thenRelativeClauseChain() {
        assertThat(rewriter.path(METFORMIN_T2DM, T2DM_FLUSHING).text())
                .isEqualTo("Metformin treats type 2 diabetes mellitus, which presents with flushing.");
    }

    @Test
    void givenTwoHopChinesePath_whenRendered_thenChainedWithEr() {
        assertThat(rewriter.path(ANEURYSM_JAUNDICE, JAUNDICE_CATEGORY).text())
                .isEqualTo("肝动脉瘤可能并发梗阻性黄疸，而梗阻性黄疸是一种症状。");
    }

    @Test
    void givenFactsThatDoNotChain_whenRenderedAsPath_thenRejected() {
        assertThatThrownBy(() -> rewriter.path(T2DM_FLUSHING, METFORMIN_T2DM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a path");
    }

    @Test
    void givenUnknownRelations_whenRendered_thenGenericTemplateAndReported() {
        Fact en = hetionet("Compound::DB01234", "Dexamethasone", "Compound", "interacts_with_food",
                "Food::1", "grapefruit juice", "Food");
        Fact zhUnknown = zh("阿司匹林", "别名", "乙酰水杨酸", "cmekg");

        KgTextRewriter.Rendered r = rewriter.fact(en);
        KgTextRewriter.Rendered z = rewriter.star(List.of(zhUnknown));

        assertThat(r.text()).isEqualTo("Dexamethasone is linked to grapefruit juice by the relation \"interacts_with_food\".");
        assertThat(r.genericRelations()).containsExactly("interacts_with_food");
        assertThat(z.text()).isEqualTo("阿司匹林与乙酰水杨酸之间存在“别名”关系。");
        assertThat(z.genericRelations()).containsExactly("别名");
    }

    @Test
    void givenStarSubgraph_whenConvertedToCorpus_thenKindOriginsAndTokensFilled() {
        Subgraph g = new Subgraph(Scale.STAR, SubgraphSampler.starId("hetionet:Compound::DB00331"),
                "hetionet:Compound::DB00331", List.of(METFORMIN_PCOS, METFORMIN_T2DM));

        CorpusText c = rewriter.toCorpus(g).corpus();

        assertThat(c.getId()).isEqualTo("kg-star:hetionet:Compound::DB00331");
        assertThat(c.getSourceKind()).isEqualTo("KG_STAR");
        assertThat(c.getSource()).isEqualTo("hetionet");
        assertThat(c.getLanguage()).isEqualTo("en");
        assertThat(c.getOriginIds()).containsExactly(METFORMIN_PCOS.id(), METFORMIN_T2DM.id());
        assertThat(c.getText()).isEqualTo("Metformin treats polycystic ovary syndrome and type 2 diabetes mellitus.");
        assertThat(c.getApproxTokens()).isEqualTo(10);
    }
}
