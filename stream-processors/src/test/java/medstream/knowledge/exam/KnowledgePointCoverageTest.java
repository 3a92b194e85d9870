package medstream.knowledge.exam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import medstream.knowledge.SharedData;
import medstream.knowledge.exam.KnowledgePointRewriter.KnowledgePoint;
import medstream.knowledge.exam.KnowledgePointRewriter.Rule;
import org.junit.jupiter.api.Test;

/**
 * Measures the rule-based rewriting on the real exam files of the shared data: how many questions a
 * rule turns into a statement, and that every statement still carries the answer's text. The thresholds
 * are the coverage reached when this was written; a rule change that loses coverage fails here.
 */
class KnowledgePointCoverageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Measured when written: MedQA 0.84, MedMCQA 0.73, MMLU 0.73 of questions become statements.
    private static final double THRESHOLD_MEDQA = 0.80;
    private static final double THRESHOLD_MEDMCQA = 0.70;
    private static final double THRESHOLD_MMLU = 0.70;
    private final KnowledgePointRewriter rewriter = new KnowledgePointRewriter();

    private Map<Rule, Integer> rewriteAll(Path jsonl) throws IOException {
        Map<Rule, Integer> counts = new EnumMap<>(Rule.class);
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            String key = n.get("answer_idx").asText();
            List<String> others = new ArrayList<>();
            String answer = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.get("options").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(key)) {
                    answer = e.getValue().asText();
                } else {
                    others.add(e.getValue().asText());
                }
            }
            KnowledgePoint p = rewriter.rewrite(n.get("question").asText(), answer, others, null, "en");
            counts.merge(p.rule(), 1, Integer::sum);
            String core = answer.strip().replaceAll("[.]+$", "").strip();
            assertThat(p.text().toLowerCase(java.util.Locale.ROOT)).as(line)
                    .contains(core.toLowerCase(java.util.Locale.ROOT));
        }
        return counts;
    }

    private static double share(Map<Rule, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return 1.0 - counts.getOrDefault(Rule.FALLBACK, 0) / (double) total;
    }

    @Test
    void givenMedqaTestFile_whenRewritten_thenMostQuestionsBecomeStatementsCarryingTheAnswer() throws IOException {
        Map<Rule, Integer> counts = rewriteAll(SharedData.root().resolve("medqa-usmle/medqa_us_4opt_test.jsonl"));

        assertThat(share(counts)).as("MedQA statements by rule %s", counts).isGreaterThan(THRESHOLD_MEDQA);
    }

    @Test
    void givenMedmcqaDevSubset_whenRewritten_thenMostQuestionsBecomeStatementsCarryingTheAnswer() throws IOException {
        Map<Rule, Integer> counts = rewriteAll(SharedData.root().resolve("medmcqa/medmcqa_dev_subset_2816.jsonl"));

        assertThat(share(counts)).as("MedMCQA statements by rule %s", counts).isGreaterThan(THRESHOLD_MEDMCQA);
    }

    @Test
    void givenMmluTestFile_whenRewritten_thenMostQuestionsBecomeStatementsCarryingTheAnswer() throws IOException {
        Map<Rule, Integer> counts = rewriteAll(SharedData.root().resolve("mmlu-medical/medagents_mmlu_medical_test.jsonl"));

        assertThat(share(counts)).as("MMLU statements by rule %s", counts).isGreaterThan(THRESHOLD_MMLU);
    }
}
