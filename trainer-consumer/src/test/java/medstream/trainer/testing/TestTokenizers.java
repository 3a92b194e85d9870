package medstream.trainer.testing;

import java.util.ArrayList;
import java.util.List;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;

/** A small tokenizer trained on hand-written medical sentences, shared by the tests (trained once). */
public final class TestTokenizers {

    /** Sentences in English and Chinese, enough for a few hundred merges. */
    public static final List<String> TEXTS = List.of(
            "Aspirin irreversibly inhibits cyclooxygenase and reduces platelet aggregation.",
            "Metformin lowers hepatic glucose production and is first-line therapy for type 2 diabetes.",
            "Myocardial infarction presents with chest pain, sweating and elevated troponin.",
            "Hypertension is a major risk factor for stroke, heart failure and chronic kidney disease.",
            "Insulin resistance precedes type 2 diabetes by many years.",
            "Beta blockers reduce mortality after myocardial infarction.",
            "Pneumonia is an infection of the lung parenchyma, often caused by Streptococcus pneumoniae.",
            "Warfarin requires monitoring of the international normalized ratio.",
            "糖尿病是一种以高血糖为特征的代谢性疾病。",
            "高血压是脑卒中和心力衰竭的主要危险因素。",
            "阿司匹林可以抑制血小板聚集。",
            "Question: Does aspirin reduce the risk of myocardial infarction? Answer: yes",
            "Instruction: Explain the mechanism of metformin. Response: It lowers hepatic glucose output.");

    private static BpeTokenizer tiny;

    private TestTokenizers() {}

    /** A 400-id tokenizer (256 bytes, special tokens and merges). */
    public static synchronized BpeTokenizer tiny() {
        if (tiny == null) {
            List<String> corpus = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                corpus.addAll(TEXTS);
            }
            tiny = new BpeTrainer(400).train(corpus);
        }
        return tiny;
    }
}
