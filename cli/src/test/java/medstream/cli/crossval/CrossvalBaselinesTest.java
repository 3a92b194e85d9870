package medstream.cli.crossval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import medstream.cli.Main;
import medstream.contracts.LabelRequest;
import medstream.contracts.McqTask;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.eval.CrossValidationResults;
import medstream.labeler.offline.PubMedQaFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reference baselines and the options of a run that trains nothing: {@code --baselines-only} over the real PQA-L
 * folds (seconds: no model), the leakage guard of the baselines' training texts, and {@code --class-weights}.
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

    @Test
    void givenTheClassWeightsOption_whenParsed_thenNoneIsTheDefaultAndWeighsEveryRecordOne() {
        assertThat(params("--baselines-only").classWeights()).isEqualTo(FoldTasks.ClassWeights.NONE);
        assertThat(params("--baselines-only").baselinesOnly()).isTrue();
        assertThat(params("--class-weights", "balanced").classWeights()).isEqualTo(FoldTasks.ClassWeights.BALANCED);
        CrossvalParams none = params("--class-weights", "none");
        assertThat(none.classWeights()).isEqualTo(FoldTasks.ClassWeights.NONE);
        assertThat(none.baselinesOnly()).isFalse();
        assertThat(none.pretrainEpochs()).isEqualTo(CrossvalParams.DEFAULT_PRETRAIN_EPOCHS);
        assertThat(params("--pretrain-epochs", "5").pretrainEpochs()).isEqualTo(5);
        assertThat(params("--base", dir.toString()).pretrainEpochs()).as("a given base is the start").isZero();

        List<McqTask> tasks = FoldTasks.tasks(folds.get(0).train(), none.classWeights());
        assertThat(tasks).hasSize(folds.get(0).train().size()).allSatisfy(t -> assertThat(t.getSampleWeight()).isEqualTo(1.0));
        assertThat(FoldTasks.ClassWeights.NONE.weights(folds.get(0).train())).containsOnlyKeys("yes", "no", "maybe")
                .allSatisfy((c, w) -> assertThat(w).isEqualTo(1.0));
    }

    @Test
    void givenAnUnknownClassWeighting_whenTheCommandRuns_thenItStopsBeforeTrainingAndNamesTheValues() {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("crossval", "--data", data.toString(), "--out", dir.resolve("cv").toString(),
                "--class-weights", "uniform");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--class-weights 'uniform': expected balanced or none");
        assertThat(dir.resolve("cv")).doesNotExist();
    }

    private CrossvalParams params(String... options) {
        CommandLine cli = Main.commandLine();
        List<String> args = new ArrayList<>(List.of("crossval", "--data", data.toString(), "--out", dir.toString()));
        args.addAll(List.of(options));
        cli.parseArgs(args.toArray(String[]::new));
        return ((CrossvalCommand) cli.getSubcommands().get("crossval").getCommand()).params();
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
