package medstream.cleaning.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import medstream.cleaning.text.Normaliser;

/**
 * The hand-written examples of issue 15, each in a sentence, and over 300 medical strings that must come out
 * unchanged (eponymous diseases and tests, drugs and doses, lab values, PMIDs, study years and periods).
 */
class PiiIssueExamplesTest {

    private final PiiScrubber scrubber = new PiiScrubber();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Patient John Smith was seen today. | Patient [NAME] was seen today.",
            "Dr. Robert Chen reviewed the films. | Dr. [NAME] reviewed the films.",
            "The nurse practitioner Linda O'Brien changed the dressing. | The nurse practitioner [NAME] changed the dressing.",
            "Mrs. Maria Garcia denies chest pain. | Mrs. [NAME] denies chest pain.",
            "患者张伟因胸痛就诊。 | 患者[NAME]因胸痛就诊。",
            "主治医师李明查房。 | 主治医师[NAME]查房。",
            "She was admitted on 03/14/2021 for pneumonia. | She was admitted on [DATE] for pneumonia.",
            "He was discharged on January 5, 2020 in stable condition. | He was discharged on [DATE] in stable condition.",
            "患者于2021年3月15日入院。 | 患者于[DATE]入院。",
            "The 93-year-old widow lives alone. | The [AGE]-year-old widow lives alone.",
            "A man aged 91 fell at home. | A man aged [AGE] fell at home.",
            "Transferred from St. Mary's Hospital yesterday. | Transferred from [FACILITY] yesterday.",
            "Follow-up at Cedars-Sinai Medical Center. | Follow-up at [FACILITY].",
            "The pump uploads from 192.168.10.24 nightly. | The pump uploads from [IP] nightly.",
            "Pacemaker serial number PM4021-88731 checked. | Pacemaker serial number [DEVICE] checked.",
            "Struck by a car, license plate 7XYZ123, per EMS. | Struck by a car, license plate [VEHICLE], per EMS.",
            "事故车辆为浙A·12345。 | 事故车辆为[VEHICLE]。",
            "家属王芳女士陪同,其子刘洋签字。 | 家属[NAME]女士陪同,其子[NAME]签字。"})
    void givenAnExampleOfIssue15_whenScrubbed_thenItsIdentifierIsMasked(String text, String expected) {
        assertThat(scrubber.scrub(Normaliser.normalise(text)).text()).isEqualTo(Normaliser.normalise(expected));
    }

    @Test
    void givenOver300MedicalStringsWithoutIdentifiers_whenScrubbed_thenEveryOneIsUnchanged() {
        List<String> keep = keepSet();
        List<String> changed = new ArrayList<>();
        for (String text : keep) {
            String normalised = Normaliser.normalise(text);
            if (!scrubber.scrub(normalised).text().equals(normalised)) {
                changed.add(normalised + " -> " + scrubber.scrub(normalised).text());
            }
        }
        assertThat(keep).hasSizeGreaterThanOrEqualTo(300);
        assertThat(changed).as("strings that must stay").isEmpty();
    }

    /** Eponyms in several phrasings, drugs and doses, lab values, PMIDs, study years and periods, Chinese too. */
    static List<String> keepSet() {
        String[] eponyms = {"Parkinson", "Hodgkin", "Alzheimer", "Down", "Cushing", "Crohn", "Graves", "Hashimoto",
                "Wilson", "Addison", "Huntington", "Raynaud", "Kawasaki", "Paget", "Tourette", "Meniere", "Marfan",
                "Hirschsprung", "Guillain-Barre", "Bell", "Barrett", "Sjogren", "Ewing", "Kaposi", "Lyme"};
        String[] nouns = {"disease", "syndrome", "disease was excluded", "phenomenon"};
        List<String> keep = new ArrayList<>();
        for (String eponym : eponyms) {
            keep.add("History of " + eponym + " " + nouns[keep.size() % nouns.length] + ".");
            keep.add("Patients with " + eponym + "'s disease were enrolled.");
            keep.add(eponym + " disease is suspected.");
            keep.add("Known " + eponym + " disease, stable.");
        }
        for (String test : new String[] {"Gleason score 3+4=7", "Bonferroni correction", "Kaplan-Meier curves",
                "Mann-Whitney U test", "Cox proportional hazards", "Fisher exact test", "Student t-test",
                "Glasgow Coma Scale 14", "Apgar scores 8 and 9", "Wilcoxon signed-rank test", "Pearson correlation",
                "Spearman rank correlation", "Kruskal-Wallis test", "Foley catheter", "Whipple procedure",
                "Nissen fundoplication", "Swan-Ganz catheter", "Murphy sign", "Babinski sign", "Romberg test",
                "Valsalva maneuver", "Trendelenburg position", "Gram stain", "Western blot", "Holter monitor",
                "Doppler ultrasound", "Child-Pugh class B", "Charlson comorbidity index", "Karnofsky score 80",
                "Wells score", "Ranson criteria", "Killip class II", "Framingham risk score", "Breslow thickness",
                "Clark level IV", "Ann Arbor stage II", "Hosmer-Lemeshow test", "Cronbach alpha 0.82",
                "Cohen's kappa 0.71", "Likert scale"}) {
            keep.add(test + " was used.");
            keep.add("We applied the " + test + ".");
        }
        String[] drugs = {"metformin 500 mg twice daily", "lisinopril 10 mg daily", "atorvastatin 40 mg",
                "warfarin 5 mg, INR 2.5", "Eliquis 5 mg twice daily", "Lipitor 20 mg", "Tylenol 650 mg q6h",
                "Lasix 40 mg IV", "insulin glargine 20 units", "amoxicillin 875 mg", "prednisone 60 mg taper",
                "heparin 5000 units SC", "furosemide 90 mg", "aspirin 81 mg", "levothyroxine 88 mcg"};
        for (String drug : drugs) {
            keep.add("Started " + drug + ".");
            keep.add("Continue " + drug + " at discharge.");
        }
        String[] labs = {"BP 132/84 mmHg", "HR 96 bpm", "SpO2 93%", "HbA1c 9.1%", "creatinine 1.2 mg/dL",
                "WBC 11.2 x10^9/L", "platelets 250,000/uL", "potassium 4.1 mmol/L", "troponin 0.04 ng/mL",
                "LDL 91 mg/dL", "eGFR 94 mL/min", "temperature 38.2 C", "sodium 135 mmol/L", "BNP 920 pg/mL",
                "lactate 2.1 mmol/L"};
        for (String lab : labs) {
            keep.add("Labs: " + lab + ".");
            keep.add(lab + " on arrival.");
        }
        for (int i = 0; i < 20; i++) {
            keep.add("See PMID: " + (21_000_000 + i * 371_293) + " for details.");
            keep.add("Patients treated between " + (2001 + i % 10) + " and " + (2012 + i % 8) + " were studied.");
            keep.add("A cohort enrolled from January " + (2005 + i % 5) + " to December " + (2011 + i % 7) + ".");
            keep.add("In " + (1995 + i) + ", the guideline changed; the " + (2010 + i % 5) + "-" + (2016 + i % 4)
                    + " registry.");
            keep.add("A " + (40 + i) + "-year-old man with 95% CI 1.2-3.4 and OR 2." + i + ".");
        }
        for (String zh : new String[] {"既往帕金森病病史5年。", "诊断为霍奇金淋巴瘤。", "唐氏综合征筛查低风险。",
                "库欣综合征已排除。", "克罗恩病稳定。", "桥本甲状腺炎,口服左甲状腺素50μg。", "Gleason评分7分。",
                "阿尔茨海默病家族史。", "研究纳入2015-2019年的病例。", "二甲双胍500mg每日两次。", "血压135/85mmHg。",
                "空腹血糖7.8mmol/L。", "2018年行PCI术。", "患者高热3天。", "患者于今日出院。", "患者王某某,男,45岁。",
                "当地医院建议转上级医院。", "我院收治。", "本研究共纳入90例患者。", "年龄45岁。"}) {
            keep.add(zh);
        }
        return keep;
    }
}
