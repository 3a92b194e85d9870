package medstream.labeler.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import medstream.contracts.Decision;
import medstream.contracts.LabelResult;
import medstream.contracts.LabelVote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenLabelsOfBothDecisions_whenWritten_thenOneLinePerLabelInTheAgreedFieldOrder(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("run/labels.jsonl");
        try (LabelsFile file = LabelsFile.create(path)) {
            file.write(result("pubmedqa:1", "yes", 0.93, Decision.ACCEPT, null));
            file.write(result("pubmedqa:2", "", 0.41, Decision.REVIEW, "LOW_CONFIDENCE"));
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "{\"id\":\"pubmedqa:1\",\"label\":\"yes\",\"confidence\":0.93,\"decision\":\"ACCEPT\",\"strategy\":\"ppl\","
                        + "\"model_version\":\"s3-v0002\"}",
                "{\"id\":\"pubmedqa:2\",\"label\":null,\"confidence\":0.41,\"decision\":\"REVIEW\",\"strategy\":\"ppl\","
                        + "\"model_version\":\"s3-v0002\",\"reason\":\"LOW_CONFIDENCE\"}");
    }

    @Test
    void givenAWeakLabel_whenWritten_thenItsLineNamesTheRuleSetAndEveryVoteAbstentionsIncluded(@TempDir Path dir)
            throws Exception {
        LabelResult weak = LabelResult.newBuilder(result("pubmedqa:3", "no", 0.8, Decision.ACCEPT, null))
                .setStrategy("weak").setLfSetHash("ab12cd34")
                .setVotes(List.of(new LabelVote("no_negation", "no", 1.0, "matched 'did not'"),
                        new LabelVote("conclusion_cue", null, 0.0, "no cue"))).build();
        try (LabelsFile file = LabelsFile.create(dir.resolve("labels.jsonl"))) {
            file.write(weak);
        }
        JsonNode line = JSON.readTree(Files.readString(dir.resolve("labels.jsonl"), StandardCharsets.UTF_8));
        assertThat(line.path("lf_set_hash").asText()).isEqualTo("ab12cd34");
        assertThat(line.path("votes").path("no_negation").asText()).isEqualTo("no");
        assertThat(line.path("votes").has("conclusion_cue")).isTrue();
        assertThat(line.path("votes").path("conclusion_cue").isNull()).isTrue();
    }

    @Test
    void givenConfidencesOnTheBinEdges_whenCounted_thenEachFallsInTheBinItOpensAndOneInTheLast(@TempDir Path dir)
            throws Exception {
        try (LabelsFile file = LabelsFile.create(dir.resolve("labels.jsonl"))) {
            for (double c : new double[] {0.0, 0.05, 0.1, 0.95, 1.0}) {
                file.write(result("id" + c, "yes", c, c >= 0.9 ? Decision.ACCEPT : Decision.REVIEW, null));
            }
            file.writeUnlabeled("bad", "NO_CONTEXT: the request has no context", "ppl", "s3-v0002");

            assertThat(file.histogram()).containsExactly(2, 1, 0, 0, 0, 0, 0, 0, 0, 2);
            assertThat(file.histogramByDecision().get("ACCEPT")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 2);
            assertThat(file.histogramByDecision().get("REVIEW")).containsExactly(2, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        assertThat(LabelsFile.binEdges()).startsWith(0.0, 0.1).endsWith(0.9);
        String unlabeled = Files.readAllLines(dir.resolve("labels.jsonl"), StandardCharsets.UTF_8).get(5);
        assertThat(unlabeled).isEqualTo("{\"id\":\"bad\",\"label\":null,\"confidence\":0.0,\"decision\":\"REVIEW\","
                + "\"strategy\":\"ppl\",\"model_version\":\"s3-v0002\",\"reason\":\"NO_CONTEXT: the request has no context\"}");
    }

    private static LabelResult result(String id, String label, double confidence, Decision decision, String reason) {
        return LabelResult.newBuilder().setRequestId(id).setLabel(label).setConfidence(confidence).setDecision(decision)
                .setStrategy("ppl").setModelVersion("s3-v0002").setReason(reason).setLabeledAt(Instant.EPOCH).build();
    }
}
