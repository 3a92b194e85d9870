package medstream.labeler.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import medstream.labeler.LabelerConfig;
import medstream.labeler.lf.PubMedQaLfs;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineLabelerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private static Path sample() throws URISyntaxException {
        return Path.of(OfflineLabelerTest.class.getClassLoader().getResource("pubmedqa-sample.json").toURI());
    }

    static Path sharedData() {
        String p = System.getProperty("medstream.shared.data");
        return p != null ? Path.of(p) : Path.of("../shared/data");
    }

    @Test
    void givenStrategyWeak_whenLabeledOffline_thenEachLineCarriesTheVotesAndTheLfSetHash() throws Exception {
        Path out = dir.resolve("weak/labels.jsonl");
        LabelerConfig cfg = LabelerConfig.of(Map.of(LabelerConfig.WEAK_GOLD_FILE.key(),
                SharedData.pqal().resolve("pqal_trainval.json").toString(), LabelerConfig.WEAK_FOLDS_FILE.key(),
                SharedData.pqal().resolve("pqal_cv_folds.json").toString())).withStrategy("weak");

        OfflineLabeler.run(new LexicalCueTestModel("s3-v5"), cfg, sample(), out, p -> { });

        JsonNode first = read(Files.readAllLines(out, StandardCharsets.UTF_8).get(0));
        assertThat(first.path("strategy").asText()).isEqualTo("weak");
        assertThat(first.path("lf_set_hash").asText()).isEqualTo(PubMedQaLfs.defaults().hash());
        assertThat(first.path("votes").size()).isEqualTo(PubMedQaLfs.defaults().functions().size());
        assertThat(first.path("votes").has("no_negation")).isTrue();
    }

    @Test
    void givenAPubMedQaFile_whenLabeledOffline_thenOneJsonLinePerItemInTheAgreedFormat() throws Exception {
        Path out = dir.resolve("out/labels.jsonl");
        List<String> progress = new ArrayList<>();
        LabelerConfig cfg = LabelerConfig.of(Map.of("medstream.labeler.batch-size", "2")).withStrategy("ppl");

        OfflineSummary summary = OfflineLabeler.run(new LexicalCueTestModel("s3-v5"), cfg, sample(), out, progress::add);

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "label", "confidence", "decision", "strategy", "model_version");
        assertThat(first.path("id").asText()).isEqualTo("1001");
        assertThat(first.path("strategy").asText()).isEqualTo("ppl");
        assertThat(first.path("model_version").asText()).isEqualTo("s3-v5");
        assertThat(lines.stream().limit(3).map(l -> read(l).path("label").asText())).containsExactly("yes", "no", "maybe");
        JsonNode rejected = read(lines.get(3));
        assertThat(rejected.path("label").isNull()).isTrue();
        assertThat(rejected.path("decision").asText()).isEqualTo("REVIEW");
        assertThat(rejected.path("reason").asText()).startsWith("NO_CONTEXT");
        assertThat(progress).hasSize(2).last().asString().startsWith("labeled 4/4 (100.0%)");
        assertThat(summary.labels()).containsEntry("yes", 1).containsEntry("no", 1).containsEntry("maybe", 1);
        assertThat(summary.rejected()).containsEntry("NO_CONTEXT", 1);
        assertThat(summary.decisions().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
        assertThat(java.util.Arrays.stream(summary.confidenceHistogram()).sum()).isEqualTo(3);
    }

    @Test
    void givenTheSharedPqaLTestHalf_whenRead_thenItsFiveHundredItemsBecomeRequestsWithConclusions() {
        List<PubMedQaFile.Item> items = PubMedQaFile.read(sharedData().resolve("pubmedqa-pqal/pqal_test_unlabeled.json"));

        assertThat(items).hasSize(500);
        assertThat(items).allSatisfy(i -> {
            assertThat(i.request().getQuestion()).isNotBlank();
            assertThat(i.request().getContexts()).isNotEmpty();
            assertThat(i.request().getLongAnswer()).isNotBlank();
            assertThat(i.gold()).isNull();
        });
        assertThat(items.get(0).request().getId()).isEqualTo("21645374");
    }

    @Test
    void givenTheSharedPqaLTrainingHalf_whenRead_thenGoldLabelsComeFromFinalDecision() {
        List<PubMedQaFile.Item> items = PubMedQaFile.read(sharedData().resolve("pubmedqa-pqal/pqal_trainval.json"));

        assertThat(items).hasSize(500);
        assertThat(items.stream().filter(i -> "yes".equals(i.gold())).count()).isEqualTo(276);
        assertThat(items.stream().filter(i -> "maybe".equals(i.gold())).count()).isEqualTo(55);
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
