package medstream.lm.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** A small hand-written English and Chinese medical corpus for fast tokenizer tests. */
final class HandWrittenCorpus {

    private HandWrittenCorpus() {
    }

    static final List<String> ENGLISH = List.of(
            "The patient was admitted to the hospital with chest pain and shortness of breath.",
            "The doctor reviewed the chest X-ray and the blood tests before the ward round.",
            "Treatment of the infection started with intravenous antibiotics for the first 48 hours.",
            "In the trial, the median survival was 14.2 months in the treatment group.",
            "The nurse measured the blood pressure at 08:30 and again at 12:45.",
            "Patients with diabetes should check the blood glucose before the evening meal.",
            "The risk of the complication was higher in the older patients of the cohort.",
            "After the operation the patient recovered well and left the hospital on day 5.",
            "Aspirin 100 mg daily reduced the rate of the second stroke in the study.",
            "The guideline recommends the vaccine for the elderly and for the health workers.");

    static final List<String> CHINESE = List.of(
            "患者因胸痛入院，医生建议尽快进行手术治疗。",
            "高血压患者需要长期治疗，并定期监测血压。",
            "糖尿病的治疗包括饮食控制、运动和药物治疗。",
            "肝癌早期可以手术治疗，晚期可以考虑免疫治疗。",
            "治疗期间患者应注意休息，避免剧烈运动。",
            "医生根据检查结果制定了个体化的治疗方案。",
            "感染患者需要抗生素治疗，疗程一般为七天。",
            "术后患者恢复良好，治疗效果令人满意。",
            "儿童哮喘的治疗以吸入药物为主。",
            "这种药物治疗偏头痛的效果很好。");

    /** English and Chinese texts, each repeated {@code times} times so pair counts are clear. */
    static List<String> repeated(int times) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            texts.addAll(ENGLISH);
            texts.addAll(CHINESE);
        }
        return texts;
    }
}
