package medstream.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import medstream.cleaning.pii.PiiType;
import medstream.topics.config.Settings;

class CleaningPipelineTest {

    private static final String EN_DOC = """
            Management of Type 2 Diabetes
            Type 2 diabetes is a chronic condition in which the body does not use insulin well. It is managed with \
            diet, exercise and, when these are not enough, with medicines such as metformin. Patients should check \
            their blood glucose regularly and see their doctor at least twice a year.
            Table 1. Targets for glycaemic control
            | Measure | Target |
            | HbA1c | < 7% |
            Contact the diabetes nurse at (617) 555-0142 or nurse@clinic.example.org with questions.
            Copyright © 2021 Example Health. All rights reserved.

            References
            1. American Diabetes Association. Standards of care. Diabetes Care. 2021;44:S1-S232.""";

    private static final String ZH_DOC = """
            病史摘要
            病人,男,49岁,3小时前解大便后出现右下腹疼痛,右下腹可触及一包块,既往体健。患者于当地医院就诊,医生建议进一步检查,\
            并告知患者及家属病情的严重性和手术的必要性。住院号:20230456,联系电话:13812345678。
            表1 实验室检查结果
            体格检查:体温37.8℃,腹软,未见胃肠型蠕动波,肝脾肋下未及,于右侧腹股沟区可扪及一圆形肿块,有压痛,界欠清。
            参考文献
            [1] 张三. 腹股沟疝诊疗指南[J]. 中华外科杂志, 2018, 56(7): 1-5.""";

    private final CleaningPipeline pipeline = new CleaningPipeline(CleaningConfig.defaults());

    private CleaningOutcome.Cleaned cleaned(String body, String language) {
        CleaningOutcome outcome = pipeline.clean(body, language);
        assertThat(outcome).isInstanceOf(CleaningOutcome.Cleaned.class);
        return (CleaningOutcome.Cleaned) outcome;
    }

    private Rejection rejected(String body) {
        CleaningOutcome outcome = pipeline.clean(body, null);
        assertThat(outcome).isInstanceOf(CleaningOutcome.Rejected.class);
        return ((CleaningOutcome.Rejected) outcome).rejection();
    }

    @Test
    void givenAnEnglishGuideline_whenCleaned_thenTablesCaptionsReferencesCopyrightAndPiiAreGone() {
        CleaningOutcome.Cleaned c = cleaned(EN_DOC, null);
        assertThat(c.language()).isEqualTo("en");
        assertThat(c.text()).startsWith("Management of Type 2 Diabetes\nType 2 diabetes is a chronic condition")
                .contains("Contact the diabetes nurse at [PHONE] or [EMAIL] with questions.")
                .doesNotContain("Table 1", "| HbA1c", "Copyright", "References", "Standards of care");
        assertThat(c.pii()).containsEntry(PiiType.PHONE, 1).containsEntry(PiiType.EMAIL, 1);
        assertThat(c.signals()).containsKeys("length", "stop_words", "stripped_table", "stripped_references",
                "stripped_caption", "stripped_copyright");
        assertThat(c.contentHash()).hasSize(64);
    }

    @Test
    void givenAChineseCase_whenCleaned_thenItIsChineseWithCaptionReferencesAndIdentifiersRemoved() {
        CleaningOutcome.Cleaned c = cleaned(ZH_DOC, null);
        assertThat(c.language()).isEqualTo("zh");
        assertThat(c.text()).contains("住院号:[MRN]", "联系电话:[PHONE]", "体温37.8°C")
                .doesNotContain("表1", "参考文献", "张三");
        assertThat(c.pii()).containsOnlyKeys(PiiType.MRN, PiiType.PHONE);
    }

    @Test
    void givenADeclaredLanguage_whenCleaned_thenItIsTrustedAndAnUnsupportedOneIsRejected() {
        assertThat(cleaned(EN_DOC, "EN").language()).isEqualTo("en");
        CleaningOutcome outcome = pipeline.clean(EN_DOC, "fr");
        assertThat(outcome).isInstanceOf(CleaningOutcome.Rejected.class);
        assertThat(((CleaningOutcome.Rejected) outcome).rejection().detail()).isEqualTo("fr");
    }

    @Test
    void givenAFrenchDocument_whenCleaned_thenItIsRejectedWithTheDetectedLanguage() {
        Rejection r = rejected("Le diabète de type 2 est une maladie chronique dans laquelle le corps utilise mal "
                + "l'insuline. Il est traité par un régime, de l'exercice et des médicaments comme la metformine.");
        assertThat(r.reason()).isEqualTo(ReasonCode.LANGUAGE);
        assertThat(r.filterName()).isEqualTo("language");
        assertThat(r.detail()).isEqualTo("fr");
    }

    @Test
    void givenEmptyAndBlankBodies_whenCleaned_thenTheyAreRejectedAsEmpty() {
        assertThat(rejected("").reason()).isEqualTo(ReasonCode.EMPTY);
        assertThat(rejected(" \n\t ").reason()).isEqualTo(ReasonCode.EMPTY);
        Rejection onlyBackMatter = rejected("References\n1. Smith J, et al. Title. Lancet. 2019;1:1-2.");
        assertThat(onlyBackMatter.reason()).isEqualTo(ReasonCode.EMPTY);
        assertThat(onlyBackMatter.filterName()).isEqualTo("strip");
    }

    @Test
    void givenABodyOverTheSizeLimit_whenCleaned_thenItIsRejectedNotTruncated() {
        CleaningConfig small = new CleaningConfig(1000, 0.001, 0.01, CleaningConfig.LanguageConfig.defaults(),
                CleaningConfig.StripConfig.defaults(), CleaningConfig.QualityConfig.defaults(), true,
                medstream.cleaning.pii.PiiScrubber.Mode.MASK, CleaningConfig.DedupConfig.defaults(), CleaningConfig.DecontaminationConfig.defaults());
        CleaningOutcome outcome = new CleaningPipeline(small).clean("病".repeat(400), null);
        Rejection r = ((CleaningOutcome.Rejected) outcome).rejection();
        assertThat(r.reason()).isEqualTo(ReasonCode.TOO_LARGE);
        assertThat(r.measuredValue()).isEqualTo(1200.0);
        assertThat(r.threshold()).isEqualTo(1000.0);
        assertThat(CleaningConfig.defaults().maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void givenInvalidUtf8DecodedWithReplacements_whenCleaned_thenItIsRejectedButAStrayReplacementIsTolerated() {
        String garbled = "The patient \uFFFD\uFFFD was \uFFFD seen \uFFFD\uFFFD\uFFFD today and discharged home.";
        assertThat(rejected(garbled).reason()).isEqualTo(ReasonCode.INVALID_UTF8);
        String longText = EN_DOC.substring(0, EN_DOC.indexOf("Table 1")) + "\uFFFD";
        // One U+FFFD in ~400 characters is 0.25%: above the 0.1% default, below a configured 1%.
        assertThat(pipeline.clean(longText, null)).isInstanceOf(CleaningOutcome.Rejected.class);
        CleaningConfig tolerant = CleaningConfig.from(
                Settings.of(Map.of("medstream.cleaning.max-replacement-ratio", "0.01")));
        CleaningOutcome tolerated = new CleaningPipeline(tolerant).clean(longText, null);
        assertThat(tolerated).isInstanceOf(CleaningOutcome.Cleaned.class);
        assertThat(((CleaningOutcome.Cleaned) tolerated).text()).doesNotContain("\uFFFD");
    }

    @Test
    void givenBinaryGarbage_whenCleaned_thenItIsRejectedAsBinary() {
        StringBuilder binary = new StringBuilder();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 500; i++) {
            binary.append((char) random.nextInt(0x20));
        }
        Rejection r = rejected("header " + binary);
        assertThat(r.reason()).isEqualTo(ReasonCode.BINARY);
        assertThat(r.measuredValue()).isGreaterThan(0.01);
    }

    @Test
    void givenLowQualityText_whenCleaned_thenTheQualityVerdictIsReturned() {
        Rejection r = rejected("• buy now\n• buy now\n• cheap pills\n• best price\n• order today");
        assertThat(r.reason().name()).startsWith("QUALITY_");
        assertThat(r.measuredValue()).isNotNull();
        assertThat(r.threshold()).isNotNull();
    }

    @Test
    void givenRealSamplesFromSharedData_whenCleaned_thenMostAreKeptInTheirLanguage() {
        List<String> abstracts = List.copyOf(SharedData.pubmedQaAbstracts().values());
        long en = abstracts.stream().map(a -> pipeline.clean(a, null))
                .filter(o -> o instanceof CleaningOutcome.Cleaned c && c.language().equals("en")).count();
        long zh = SharedData.cmbClinCases().stream().map(a -> pipeline.clean(a, null))
                .filter(o -> o instanceof CleaningOutcome.Cleaned c && c.language().equals("zh")).count();
        long defs = SharedData.diseaseOntologyDefinitions().stream().limit(500).map(d -> pipeline.clean(d, null))
                .filter(o -> o instanceof CleaningOutcome.Cleaned).count();
        assertThat(en).isGreaterThanOrEqualTo(485);
        assertThat(zh).isGreaterThanOrEqualTo(63);
        assertThat(defs).isGreaterThanOrEqualTo(490);
    }
}
