package medstream.cleaning.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig.QualityConfig;
import medstream.cleaning.ReasonCode;
import medstream.cleaning.Rejection;
import medstream.cleaning.SharedData;
import medstream.cleaning.text.Normaliser;

class QualityFiltersTest {

    private static final String PROSE = "Hypertension is a common condition in which the long-term force of the "
            + "blood against the artery walls is high enough that it may eventually cause health problems, such as "
            + "heart disease. Blood pressure is determined both by the amount of blood the heart pumps and the "
            + "amount of resistance to blood flow in the arteries. The more blood the heart pumps and the narrower "
            + "the arteries, the higher the blood pressure. A blood pressure reading is given in millimeters of "
            + "mercury and it has two numbers.";
    private static final String ZH_PROSE = "高血压是一种常见的慢性疾病,是指以体循环动脉血压增高为主要特征的临床综合征,可伴有心、脑、肾等器官的功能"
            + "或器质性损害。在未使用降压药物的情况下,非同日三次测量诊室血压,收缩压大于等于一百四十毫米汞柱和或舒张压大于等于九十毫米汞柱"
            + "即可诊断。患者应当改善生活方式,减少钠盐摄入,增加运动,并在医生指导下规律服用降压药物。";

    private final QualityFilters filters = new QualityFilters(QualityConfig.defaults());

    private Rejection failure(String text, String language) {
        return filters.evaluate(text, language).failure();
    }

    @Test
    void givenCleanProseInBothLanguages_whenEvaluated_thenItPassesWithSignals() {
        QualityReport en = filters.evaluate(PROSE, "en");
        QualityReport zh = filters.evaluate(ZH_PROSE, "zh");
        assertThat(en.passed()).as(String.valueOf(en.failure())).isTrue();
        assertThat(zh.passed()).as(String.valueOf(zh.failure())).isTrue();
        assertThat(en.signals()).containsKeys("length", "mean_word_length", "symbol_ratio", "digit_ratio",
                "duplicate_line_ratio", "top_2gram_fraction", "duplicate_10gram_fraction", "stop_words");
        assertThat(zh.signals()).doesNotContainKey("mean_word_length");
        assertThat(zh.signals().get("length")).isGreaterThan(100);
    }

    @Test
    void givenTooShortTexts_whenEvaluated_thenMinLengthFailsWithValueAndThreshold() {
        Rejection en = failure("Chest pain.", "en");
        assertThat(en.reason()).isEqualTo(ReasonCode.QUALITY_MIN_LENGTH);
        assertThat(en.filterName()).isEqualTo("quality.min_length");
        assertThat(en.measuredValue()).isEqualTo(2.0);
        assertThat(en.threshold()).isEqualTo(5.0);
        assertThat(failure("胸痛。", "zh").reason()).isEqualTo(ReasonCode.QUALITY_MIN_LENGTH);
    }

    @Test
    void givenAbnormalWordLengths_whenEvaluated_thenMeanWordLengthFails() {
        assertThat(failure("a b c d e f g h i j k l m n o p q r s t", "en").reason())
                .isEqualTo(ReasonCode.QUALITY_MEAN_WORD_LENGTH);
        assertThat(failure("pneumonoultramicroscopicsilicovolcanoconiosis hippopotomonstrosesquippedaliophobia "
                + "supercalifragilisticexpialidocious floccinaucinihilipilification antidisestablishmentarianism",
                "en").reason()).isEqualTo(ReasonCode.QUALITY_MEAN_WORD_LENGTH);
    }

    @Test
    void givenHashtagsAndEllipses_whenEvaluated_thenSymbolRatioFails() {
        Rejection r = failure("#health #diabetes #insulin #glucose tips for the day ... more ... more", "en");
        assertThat(r.reason()).isEqualTo(ReasonCode.QUALITY_SYMBOL_RATIO);
        assertThat(r.measuredValue()).isGreaterThan(0.1);
    }

    @Test
    void givenMostlyDigits_whenEvaluated_thenDigitRatioFails() {
        assertThat(failure("values 123456 789012 345678 901234 567890 and 112233", "en").reason())
                .isEqualTo(ReasonCode.QUALITY_DIGIT_RATIO);
    }

    @Test
    void givenBulletAndEllipsisLists_whenEvaluated_thenLineRatiosFail() {
        assertThat(failure("• take the medicine daily\n• drink more water now\n• walk in the park often", "en")
                .reason()).isEqualTo(ReasonCode.QUALITY_BULLET_LINES);
        assertThat(failure("the patient was then seen in the clinic by the nurse and...\n"
                + "the doctor on call said that the results of the blood tests were...\n"
                + "and so it was decided to keep the patient in the ward overnight", "en").reason())
                .isEqualTo(ReasonCode.QUALITY_ELLIPSIS_LINES);
    }

    @Test
    void givenRepeatedLines_whenEvaluated_thenDuplicateLinesFail() {
        String text = (PROSE + "\n") + "Call the clinic today for an appointment with the doctor.\n".repeat(4);
        assertThat(failure(text, "en").reason()).isEqualTo(ReasonCode.QUALITY_DUPLICATE_LINES);
    }

    @Test
    void givenRepeatedPhrasesOnOneLine_whenEvaluated_thenTheNgramFiltersFail() {
        String spam = "buy cheap pills online now ".repeat(15) + PROSE;
        Rejection r = failure(spam, "en");
        assertThat(r.reason()).isIn(ReasonCode.QUALITY_TOP_NGRAM, ReasonCode.QUALITY_DUPLICATE_NGRAM);
        String zhSpam = "特效药物快速治愈糖尿病".repeat(12) + ZH_PROSE;
        assertThat(failure(zhSpam, "zh").reason()).isIn(ReasonCode.QUALITY_TOP_NGRAM, ReasonCode.QUALITY_DUPLICATE_NGRAM);
    }

    @Test
    void givenAKeywordListWithoutFunctionWords_whenEvaluated_thenStopWordsFail() {
        String keywords = String.join(" ", List.of("diabetes", "insulin", "glucose", "metformin", "retinopathy",
                "nephropathy", "neuropathy", "hba1c", "obesity", "statin")) + " "
                + "hypertension stroke myocardial infarction angina arrhythmia fibrillation cardiomyopathy embolism "
                + "thrombosis aneurysm dissection stenosis regurgitation endocarditis pericarditis myocarditis "
                + "vasculitis claudication syncope palpitations dyspnea orthopnea edema cyanosis murmur bruit "
                + "tachycardia bradycardia hypotension shock sepsis pneumonia bronchitis asthma emphysema fibrosis "
                + "tuberculosis influenza measles mumps rubella varicella hepatitis cirrhosis pancreatitis "
                + "cholecystitis appendicitis diverticulitis colitis gastritis esophagitis";
        Rejection r = failure(keywords, "en");
        assertThat(r.reason()).isEqualTo(ReasonCode.QUALITY_STOP_WORDS);
        String zhKeywords = "糖尿病胰岛素血糖二甲双胍视网膜病变肾病神经病变肥胖他汀高血压卒中心肌梗死心绞痛心律失常房颤心肌病栓塞血栓动脉瘤"
                + "夹层狭窄反流心内膜炎心包炎心肌炎血管炎跛行晕厥心悸呼吸困难端坐呼吸水肿发绀杂音心动过速心动过缓低血压休克脓毒症肺炎支气管炎"
                + "哮喘肺气肿纤维化结核";
        assertThat(failure(zhKeywords, "zh").reason()).isEqualTo(ReasonCode.QUALITY_STOP_WORDS);
    }

    @Test
    void givenRealAbstractsAndDefinitions_whenEvaluated_thenNearlyAllPass() {
        List<String> abstracts = List.copyOf(SharedData.pubmedQaAbstracts().values());
        long abstractsPassing = abstracts.stream()
                .filter(a -> filters.evaluate(Normaliser.normalise(a), "en").passed()).count();
        List<String> definitions = SharedData.diseaseOntologyDefinitions();
        long definitionsPassing = definitions.stream().filter(d -> filters.evaluate(d, "en").passed()).count();
        List<String> cases = SharedData.cmbClinCases();
        long casesPassing = cases.stream().filter(c -> filters.evaluate(Normaliser.normalise(c), "zh").passed()).count();
        System.out.printf("quality pass rates: PubMedQA %d/%d, DO definitions %d/%d, CMB-Clin %d/%d%n",
                abstractsPassing, abstracts.size(), definitionsPassing, definitions.size(), casesPassing, cases.size());
        // Measured 2026-11-25: 495/500, 3273/3283, 69/74 (the CMB-Clin rejects repeat whole sections).
        assertThat(abstractsPassing / (double) abstracts.size()).isGreaterThan(0.97);
        assertThat(definitionsPassing / (double) definitions.size()).isGreaterThan(0.98);
        assertThat(casesPassing / (double) cases.size()).isGreaterThan(0.85);
    }
}
