package medstream.experiments.crossval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import medstream.contracts.LabelRequest;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.offline.PubMedQaFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference baselines of a run that trains nothing: baselines only over the real PQA-L folds (seconds: no model),
 * and the leakage guard of the baselines' training texts. The command's options: cli's CrossvalCommandTest.
 */
class CrossvalBaselinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path data;
    private static List<CrossValidationFolds.Fold> folds;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFolds() {
        String p = System.getProperty("medstream.shared.data");
        data = p != null ? Path.of(p) : Path.of("../shared/data");
        Path pqal = data.resolve("pubmedqa-pqal");
        folds = CrossValidationFolds.read(pqal.resolve("pqal_trainval.json"), pqal.resolve("pqal_cv_folds.json"));
    }

    @Test
    void givenBaselinesOnly_whenCrossValidated_thenEachBaselinePredictsEveryHeldOutItemOnceAndNothingIsTrained() throws Exception {
        Path out = dir.resolve("cv");
        CrossvalParams p = CrossvalParams.defaults(data, out).withBaselinesOnly(true);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        CrossvalReport report = CrossValidation.run(p, new PrintStream(progress, true, StandardCharsets.UTF_8));

        JsonNode json = JSON.readTree(out.resolve(CrossvalReport.JSON_FILE).toFile());
        assertThat(json.path("complete").asBoolean()).isTrue();
        assertThat(json.path("settings").path("baselines_only").asBoolean()).isTrue();
        assertThat(json.path("strategies")).isEmpty();
        assertThat(json.path("folds")).hasSize(folds.size()).allSatisfy(f -> {
            assertThat(f.has("training")).isFalse();
            assertThat(f.has("labeling_s")).isFalse();
        });
        int items = folds.stream().mapToInt(f -> f.heldOut().size()).sum();
        List<String> names = new ArrayList<>();
        for (JsonNode b : json.path("reference_baselines")) {
            String name = b.path("baseline").asText();
            names.add(name);
            assertThat(b.path("what").asText()).as(name).isNotBlank();
            assertThat(b.path("n").asInt()).as(name).isEqualTo(items);
            assertThat(b.path("fold_accuracy")).as(name).hasSize(folds.size());
            assertThat(b.path("accuracy").asDouble()).as(name).isEqualTo(correct(b.path("confusion")) / (double) items);
        }
        assertThat(json.path("weak_supervision").path("analysis").path("items").asInt()).isEqualTo(items);
        assertThat(json.path("weak_supervision").path("analysis").path("voters")).isNotEmpty();
        assertThat(names).containsExactly(ReferenceBaselines.MAJORITY, "nb-question+conclusion", "nb-conclusion",
                "nb-question+contexts", ReferenceBaselines.LF_LABEL_MODEL);
        // Each held-out item exactly once per baseline, and only held-out items.
        Set<String> heldOut = new HashSet<>();
        folds.forEach(f -> heldOut.addAll(f.heldOutIds()));
        for (String name : names) {
            assertThat(report.baselines().predictions(name)).extracting(pr -> pr.id()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(heldOut);
        }
        // The majority class answers one label everywhere, with its training share as confidence.
        assertThat(report.baselines().confusion(ReferenceBaselines.MAJORITY).values().stream()
                .flatMap(m -> m.keySet().stream()).distinct()).hasSize(1);
        String md = Files.readString(out.resolve(CrossvalReport.MARKDOWN_FILE), StandardCharsets.UTF_8);
        assertThat(md).contains("reference baselines only", "## Reference baselines (not labeler strategies)",
                "| baseline |", "| nb-question+conclusion |").doesNotContain("| strategy |");
        assertThat(out.resolve(CrossvalReport.PLOT_FILE)).exists();
        assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("training on");
    }

    @Test
    void givenAHeldOutContextCopiedIntoATrainingItem_whenTheBaselinesAreTrained_thenTheyAreRefused() {
        CrossValidationFolds.Fold f = folds.get(0).limit(20, 2);
        PubMedQaFile.Item held = f.heldOut().get(0);
        PubMedQaFile.Item first = f.train().get(0);
        // A held-out passage under another id and question: the fold's own id/question check cannot see it.
        List<String> contexts = new ArrayList<>(first.request().getContexts());
        contexts.add(held.request().getContexts().get(0));
        PubMedQaFile.Item copy = new PubMedQaFile.Item(LabelRequest.newBuilder(first.request())
                .setContexts(contexts).build(), first.gold());
        List<PubMedQaFile.Item> train = new ArrayList<>(f.train());
        train.set(0, copy);
        CrossValidationFolds.Fold leaky = new CrossValidationFolds.Fold(f.index(), train, f.heldOut());

        assertThatThrownBy(() -> ReferenceBaselines.evaluate(leaky, 0.6, new CrossValidationResults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nb-question+contexts training texts of fold 0");
        // The untouched fold passes the same guard.
        CrossValidationResults ok = new CrossValidationResults();
        ReferenceBaselines.evaluate(f, 0.6, ok);
        assertThat(ok.strategies()).hasSize(2 + ReferenceBaselines.Input.values().length);
    }

    private static int correct(JsonNode confusion) {
        int correct = 0;
        for (Iterator<Map.Entry<String, JsonNode>> g = confusion.fields(); g.hasNext(); ) {
            Map.Entry<String, JsonNode> row = g.next();
            correct += row.getValue().path(row.getKey()).asInt();
        }
        return correct;
    }
}
