package medstream.cleaning.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig.StripConfig;
import medstream.cleaning.SharedData;

class StripperTest {

    private final Stripper stripper = new Stripper(StripConfig.defaults());

    private StripResult strip(String text) {
        return stripper.strip(Normaliser.normalise(text));
    }

    @Test
    void givenPipeGridAndTabTables_whenStripped_thenOnlyTheProseRemains() {
        StripResult r = strip("""
                Baseline characteristics are shown below.
                +--------+-------+
                | Group  | n     |
                |--------|-------|
                | A      | 45    |
                +--------+-------+
                Age\t45.2\t44.8
                Sex (M/F)\t20/25\t22/23
                The groups were comparable.""");
        assertThat(r.text()).isEqualTo("Baseline characteristics are shown below.\nThe groups were comparable.");
        assertThat(r.removed(StripKind.TABLE)).isEqualTo(7);
    }

    @Test
    void givenARunOfNumericRowsWithoutRules_whenStripped_thenTheRunIsRemovedButASentenceWithNumbersStays() {
        StripResult r = strip("""
                Mortality fell from 12% to 8% in 2019.
                Age 45.2 ± 3.1 44.8 ± 2.9 0.45
                BMI 27.1 ± 4.0 26.9 ± 3.8 0.61
                白细胞 5.0 4.0-10.0 ×10^9/L
                No other differences were found.""");
        assertThat(r.text()).isEqualTo("Mortality fell from 12% to 8% in 2019.\nNo other differences were found.");
    }

    @Test
    void givenCaptionsInBothLanguages_whenStripped_thenCaptionsGoAndReferencesToTablesInProseStay() {
        StripResult r = strip("""
                Table 2. Baseline characteristics of the cohort
                Figure 3: Kaplan-Meier survival curves
                Fig. 1 Flow chart of the study
                Table 2 shows that the groups were balanced.
                表1 患者基线资料
                图 2 生存曲线
                表1显示两组患者基线资料均衡,差异无统计学意义,具有可比性,因此可以进一步比较两组的结局。""");
        assertThat(r.text()).isEqualTo("Table 2 shows that the groups were balanced.\n"
                + "表1显示两组患者基线资料均衡,差异无统计学意义,具有可比性,因此可以进一步比较两组的结局。");
        assertThat(r.removed(StripKind.CAPTION)).isEqualTo(5);
    }

    @Test
    void givenAReferencesSection_whenStripped_thenEverythingFromTheHeadingOnIsCut() {
        StripResult r = strip("""
                Asthma is a chronic inflammatory disease of the airways.

                References
                1. Smith J, Doe A. Asthma in adults. N Engl J Med. 2019;380(12):1120-9.
                2. Lee K, et al. Inhaled steroids. Lancet 2018;391:783-800.""");
        assertThat(r.text()).isEqualTo("Asthma is a chronic inflammatory disease of the airways.");
        assertThat(r.removed(StripKind.REFERENCES)).isEqualTo(3);
    }

    @Test
    void givenAChineseReferenceListAndAppendix_whenStripped_thenBothAreCut() {
        assertThat(strip("高血压是常见的慢性病。\n参考文献\n[1] 张三,李四. 高血压防治指南[J]. 中华心血管病杂志, 2019, 47(1): 1-10.").text())
                .isEqualTo("高血压是常见的慢性病。");
        assertThat(strip("糖尿病需要长期管理。\n附录 A 检索策略\n数据库: PubMed").text()).isEqualTo("糖尿病需要长期管理。");
        assertThat(strip("Diabetes needs lifelong care.\nAppendix A: Search strategy\nPubMed, Embase").text())
                .isEqualTo("Diabetes needs lifelong care.");
    }

    @Test
    void givenCitationLinesInsideTheText_whenStripped_thenTheyAreRemoved() {
        StripResult r = strip("""
                Statins lower LDL cholesterol.
                [12] Baigent C, et al. Efficacy of cholesterol-lowering treatment. Lancet. 2005;366:1267-78.
                [3] 王五. 他汀类药物的临床应用[J]. 中国医学, 2020, 12(3): 45-67.
                They reduce cardiovascular events.""");
        assertThat(r.text()).isEqualTo("Statins lower LDL cholesterol.\nThey reduce cardiovascular events.");
    }

    @Test
    void givenRepeatedRunningHeadersAndPageNumbers_whenStripped_thenTheyAreRemoved() {
        StripResult r = strip("""
                Clinical Guidelines for Hypertension
                Hypertension is diagnosed on repeated office readings.
                Page 1 of 3
                Clinical Guidelines for Hypertension
                Home monitoring confirms the diagnosis.
                Page 2 of 3
                Clinical Guidelines for Hypertension
                Lifestyle change comes first.
                - 3 -
                第 4 页 共 10 页""");
        assertThat(r.text()).isEqualTo("Hypertension is diagnosed on repeated office readings.\n"
                + "Home monitoring confirms the diagnosis.\nLifestyle change comes first.");
        assertThat(r.removed(StripKind.REPEATED_LINE)).isEqualTo(3);
        assertThat(r.removed(StripKind.PAGE_NUMBER)).isEqualTo(4);
    }

    @Test
    void givenCopyrightBoilerplate_whenStripped_thenOnlyTheBoilerplateSentencesGo() {
        assertThat(strip("Surgery improved survival. Copyright © 2019 Elsevier Inc. All rights reserved.").text())
                .isEqualTo("Surgery improved survival.");
        assertThat(strip("Results were robust. © 2020 The Authors. Published by Elsevier Ltd.").text())
                .isEqualTo("Results were robust.");
        assertThat(strip("本指南适用于成人患者。\n版权所有,未经许可不得转载。").text()).isEqualTo("本指南适用于成人患者。");
        assertThat(strip("Options (a), (b) and (c) were compared.").text()).isEqualTo("Options (a), (b) and (c) were compared.");
    }

    @Test
    void givenRealPubMedQaAbstracts_whenStripped_thenAlmostAllTheirTextSurvives() {
        long before = 0;
        long after = 0;
        for (String abstractText : SharedData.pubmedQaAbstracts().values()) {
            String normalised = Normaliser.normalise(abstractText);
            before += normalised.length();
            after += stripper.strip(normalised).text().length();
        }
        // Abstracts are prose: the stripper may take a stray copyright line, not more.
        assertThat(after / (double) before).isGreaterThan(0.99);
    }

    @Test
    void givenRealChineseClinicalCases_whenStripped_thenTheCaseTextSurvives() {
        long before = 0;
        long after = 0;
        for (String text : SharedData.cmbClinCases()) {
            String normalised = Normaliser.normalise(text);
            before += normalised.length();
            after += stripper.strip(normalised).text().length();
        }
        assertThat(after / (double) before).isGreaterThan(0.95);
    }
}
