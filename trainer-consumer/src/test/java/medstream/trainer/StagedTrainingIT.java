package medstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.EvalItem;
import medstream.contracts.EvalResult;
import medstream.contracts.ModelVersion;
import medstream.lm.checkpoint.Checkpoint;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.testing.SharedData;
import medstream.trainer.testing.TrainerFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The local staged run: three stages in turn, every version evaluated, budgets reported honestly. */
class StagedTrainingIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void givenAllThreeTopics_whenRunLocally_thenEveryStageTrainsOnItsParentAndEveryVersionIsEvaluated(
            @TempDir Path out) throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), SharedData.corpus(24));
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage2Instructions(), SharedData.instructions(16));
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage3Tasks(), SharedData.pubmedqaTasks(100, 12));
        Map<String, EvalItem> items = new LinkedHashMap<>();
        SharedData.evalItems(200, 10).forEach(i -> items.put(i.getId(), i));
        KAFKA.produce(catalog.evalItems(), items);
        // Stage 1's budget is smaller than its topic, so the report must say what it left untrained.
        Map<Integer, Budget> budgets = Map.of(1, new Budget(6_000, Duration.ofMinutes(3)),
                2, new Budget(100_000, Duration.ofMinutes(3)), 3, new Budget(100_000, Duration.ofMinutes(3)));
        StagedTraining.LocalRunParams params = new StagedTraining.LocalRunParams(catalog, KAFKA.bootstrapServers(),
                out, "tiny", budgets, true, null);

        TrainingReport report = StagedTraining.runLocal(params);

        assertThat(report.stages()).extracting(TrainingReport.StageSummary::stop)
                .containsExactly("TOKEN_BUDGET", "DRAINED", "DRAINED");
        TrainingReport.StageSummary s1 = report.stages().get(0);
        assertThat(s1.untrainedRecords()).isPositive();
        assertThat(s1.records() + s1.untrainedRecords()).isEqualTo(24);
        assertThat(s1.note()).contains("token budget spent").contains(s1.untrainedRecords() + " record(s) left");
        assertThat(report.stages().get(1).records()).isEqualTo(16);
        // Tiny's 128-token context refuses the longest PubMedQA abstracts (over the truncation policy): DLQ.
        TrainingReport.StageSummary s3 = report.stages().get(2);
        assertThat(s3.records() + s3.deadLetters()).isEqualTo(12);
        assertThat(s3.records()).isPositive();
        assertThat(KAFKA.deadLetters(catalog).total()).isEqualTo(s3.deadLetters());

        List<ModelVersion> versions = report.versions();
        ModelVersion lastS1 = versions.stream().filter(v -> v.getStage() == 1).reduce((a, b) -> b).orElseThrow();
        ModelVersion firstS2 = versions.stream().filter(v -> v.getStage() == 2).findFirst().orElseThrow();
        ModelVersion lastS2 = versions.stream().filter(v -> v.getStage() == 2).reduce((a, b) -> b).orElseThrow();
        ModelVersion firstS3 = versions.stream().filter(v -> v.getStage() == 3).findFirst().orElseThrow();
        assertThat(firstS2.getParent()).isEqualTo(lastS1.getVersion());
        assertThat(firstS3.getParent()).isEqualTo(lastS2.getVersion());
        assertThat(Checkpoint.open(Path.of(firstS3.getCheckpoint())).loraConfig()).hasValueSatisfying(
                l -> assertThat(l.rank()).isEqualTo(8));
        assertThat(Checkpoint.open(Path.of(firstS2.getCheckpoint())).loraConfig()).isEmpty();

        for (ModelVersion v : versions) {
            List<EvalResult> ofVersion = report.evals().stream()
                    .filter(e -> e.getModelVersion().equals(v.getVersion())).toList();
            assertThat(ofVersion).as("evaluations of %s", v.getVersion()).extracting(EvalResult::getBenchmark)
                    .containsExactlyInAnyOrder("pubmedqa", "medqa");
            for (EvalResult e : ofVersion) {
                assertThat(e.getN()).isEqualTo(10);
                long gold = e.getPerClass().entrySet().stream().filter(x -> x.getKey().startsWith("gold:"))
                        .mapToLong(Map.Entry::getValue).sum();
                long correct = e.getPerClass().entrySet().stream().filter(x -> x.getKey().startsWith("correct:"))
                        .mapToLong(Map.Entry::getValue).sum();
                assertThat(gold).isEqualTo(10);
                assertThat(e.getAccuracy()).isEqualTo(correct / 10.0);
            }
        }
        assertThat(KAFKA.count(catalog.modelVersions())).isEqualTo(versions.size());
        assertThat(KAFKA.count(catalog.modelEvals())).isEqualTo(report.evals().size());

        Path summary = out.resolve("summary-training.json");
        report.writeJson(summary);
        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertThat(json.path("versions")).hasSize(versions.size());
        assertThat(json.path("stages").get(0).path("untrainedRecords").asLong()).isEqualTo(s1.untrainedRecords());
        assertThat(out.resolve("checkpoints/plots/loss-stage1.svg")).exists();
        assertThat(Path.of(lastS1.getCheckpoint()).resolve("extra/loss.png")).exists();

        // A new stage-1 version re-adapts stage 2 on top of it, replaying stage 2's own data.
        TrainerContext ctx = TrainerContext.of(catalog, KAFKA.bootstrapServers(), out.resolve("checkpoints"),
                StagedTraining.localHyperparameters("tiny", budgets));
        StageRun s1again = new StageTrainer<>(StageSpec.STAGE1, ctx).run(true, Budget.UNLIMITED);
        assertThat(s1again.rounds()).isNotEmpty();
        String newParent = s1again.rounds().get(s1again.rounds().size() - 1).version().getVersion();
        StageRun s2again = new StageTrainer<>(StageSpec.STAGE2, ctx).run(true, Budget.UNLIMITED);
        assertThat(s2again.rounds()).hasSize(1);
        RoundResult rebase = s2again.rounds().get(0);
        assertThat(rebase.version().getParent()).isEqualTo(newParent);
        assertThat(rebase.newRows()).isZero();
        assertThat(rebase.replayRows()).isPositive();
        assertThat(Checkpoint.open(rebase.checkpoint()).extraJson(StageEngine.STATE_KEY, TrainerState.class))
                .hasValueSatisfying(s -> assertThat(s.baseVersion()).isEqualTo(newParent));
    }

    @Test
    void givenEmptyTopics_whenRunLocally_thenStageOneReportsNothingAndLaterStagesAreSkippedWithAReason(
            @TempDir Path out) {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);

        TrainingReport report = StagedTraining.runLocal(new StagedTraining.LocalRunParams(catalog,
                KAFKA.bootstrapServers(), out, "tiny", StagedTraining.defaultBudgets("tiny"), true, null));

        assertThat(report.versions()).isEmpty();
        assertThat(report.stages()).extracting(TrainingReport.StageSummary::stop)
                .containsExactly("DRAINED", "NO_PARENT", "NO_PARENT");
        assertThat(report.stages().get(1).note()).contains("previous stage produced no version");
    }
}
