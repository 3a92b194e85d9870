package medstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import medstream.contracts.ModelVersion;
import medstream.lm.ModelDirectory;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.HostTensor;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.model.DecoderNet;
import medstream.lm.model.HfCausalLm;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.testing.SharedData;
import medstream.trainer.testing.TrainerFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer continuing from a Hugging Face Qwen2 base (a tiny seeded one written by {@link TinyHfCheckpoints}):
 * three stages on a real broker, versions that are HF directories, stage 3 training LoRA adapters only, and a crash
 * in the middle of a round resumed from the last checkpoint.
 */
class HfBaseTrainingIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int[] PROBE = {72, 101, 108, 108, 111, 32, 116, 104, 101, 114, 101};

    @Test
    void givenAQwen2Base_whenThreeStagesTrain_thenEveryVersionIsAnHfDirectoryThatMovedAndStage3TrainedOnlyAdapters(
            @TempDir Path tmp) throws Exception {
        Path base = writeBase(tmp.resolve("base"));
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), SharedData.corpus(12));
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage2Instructions(), SharedData.instructions(12));
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage3Tasks(), SharedData.pubmedqaTasks(100, 12));
        Map<Integer, Budget> budgets = Map.of(1, new Budget(100_000, Duration.ofMinutes(3)),
                2, new Budget(100_000, Duration.ofMinutes(3)), 3, new Budget(100_000, Duration.ofMinutes(3)));
        TrainingHyperparameters hyper = StagedTraining.localHyperparameters("tiny", budgets).withBase(base)
                .withDevice("cpu").withEval(new TrainingHyperparameters.EvalConfig(0, 0, false));

        TrainingReport report = StagedTraining.runLocal(new StagedTraining.LocalRunParams(catalog,
                KAFKA.bootstrapServers(), tmp.resolve("run"), "tiny", budgets, false, hyper));

        assertThat(report.stages()).extracting(TrainingReport.StageSummary::stop)
                .containsExactly("DRAINED", "DRAINED", "DRAINED");
        assertThat(report.stages()).allSatisfy(s -> assertThat(s.records()).isPositive());
        float[][] baseLogits = logits(base);
        for (ModelVersion v : report.versions()) {
            Path dir = Path.of(v.getCheckpoint());
            assertThat(ModelDirectory.kindOf(dir)).as(v.getVersion()).isEqualTo(ModelDirectory.Kind.HUGGING_FACE);
            assertThat(dir.resolve(HfDirectory.TOKENIZER)).exists();
            assertThat(HfDirectory.open(dir).chat()).isEqualTo(HfDirectory.open(base).chat());
            assertThat(maxDiff(logits(dir), baseLogits)).as("logits of %s against the base", v.getVersion())
                    .isGreaterThan(1e-3f);
        }

        ModelVersion lastS2 = last(report, 2);
        ModelVersion lastS3 = last(report, 3);
        assertThat(Checkpoint.open(Path.of(last(report, 1).getCheckpoint())).loraConfig()).isEmpty();
        assertThat(Checkpoint.open(Path.of(lastS2.getCheckpoint())).loraConfig()).isEmpty();
        Checkpoint s3 = Checkpoint.open(Path.of(lastS3.getCheckpoint()));
        assertThat(s3.loraConfig()).hasValueSatisfying(l -> {
            assertThat(l.rank()).isEqualTo(8);
            assertThat(l.targets()).containsExactly("q", "k", "v", "o");
        });
        assertThat(s3.loraBase()).contains(Path.of(lastS2.getCheckpoint()).toAbsolutePath().normalize());
        Map<String, HostTensor> parent = tensors(Path.of(lastS2.getCheckpoint()));
        try (DecoderNet trained = s3.loadTrainable(Device.cpu())) {
            assertThat(((HfCausalLm) trained).toTensors()).as("stage 3's frozen base").isEqualTo(parent);
        }
        Map<String, HostTensor> merged = tensors(s3.dir());
        merged.forEach((name, t) -> {
            boolean adapted = name.matches(".*self_attn\\.[qkvo]_proj\\.weight");
            assertThat(t.equals(parent.get(name))).as("%s changed by the merge", name).isEqualTo(!adapted);
        });
    }

    @Test
    void givenAQwen2BaseTrainerKilledMidRound_whenRestarted_thenItResumesAndEndsWhereAnUninterruptedRunEnds(
            @TempDir Path tmp) throws Exception {
        Path base = writeBase(tmp.resolve("base"));
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), SharedData.corpus(12));
        TrainingHyperparameters hyper = TrainerFixtures.tiny(4).withBase(base).withDevice("cpu");

        StageRun ref = new StageTrainer<>(StageSpec.STAGE1, TrainerFixtures.context(KAFKA, catalog, tmp.resolve("ref"),
                hyper).withGroupIdSuffix("-reference")).run(true, Budget.UNLIMITED);
        assertThat(ref.rounds()).hasSize(3);

        Path crashed = tmp.resolve("crashed");
        TrainerContext ctx = TrainerFixtures.context(KAFKA, catalog, crashed, hyper).withGroupIdSuffix("-crash");
        Throwable failure = TrainerFixtures.killStage1At(ctx, 2, 2, TrainerListener.NONE);
        assertThat(failure).isInstanceOf(TrainerCrashedException.class);

        StageRun resumed = new StageTrainer<>(StageSpec.STAGE1, ctx).run(true, Budget.UNLIMITED);

        assertThat(resumed.resumedFrom()).isEqualTo("s1-v0002");
        Checkpoint last = Checkpoint.open(resumed.rounds().get(resumed.rounds().size() - 1).checkpoint());
        Checkpoint refLast = Checkpoint.open(ref.rounds().get(ref.rounds().size() - 1).checkpoint());
        assertThat(last.step()).isEqualTo(refLast.step());
        assertThat(last.offsets()).isEqualTo(refLast.offsets());
        assertThat(last.dataStats().get("records").longValue()).isEqualTo(12);
        // Equal up to PyTorch's multi-threaded summation noise (see StageTrainerCrashIT), far below a round's change.
        double noise = maxDiff(tensors(last.dir()), tensors(refLast.dir()));
        double oneRound = maxDiff(tensors(refLast.dir()), tensors(ref.rounds().get(1).checkpoint()));
        assertThat(noise).isLessThan(oneRound / 10);
    }

    /** A tiny Qwen2 with a context of 256, so the tiny preset's rows of 128 tokens fit. */
    private static Path writeBase(Path dir) throws Exception {
        HfConfig config = HfConfig.qwen2(TinyHfCheckpoints.VOCAB, 32, 64, 2, 4, 2, 256, false);
        Files.createDirectories(dir);
        TinyHfCheckpoints.write(dir, config, TinyHfCheckpoints.randomTensors(config, 5), DType.BF16);
        return dir;
    }

    private static ModelVersion last(TrainingReport report, int stage) {
        return report.versions().stream().filter(v -> v.getStage() == stage).reduce((a, b) -> b).orElseThrow();
    }

    private static float[][] logits(Path dir) throws Exception {
        try (ModelDirectory.Loaded m = ModelDirectory.open(dir, Device.cpu())) {
            return ((DecoderNet) m.model()).logits(PROBE);
        }
    }

    private static Map<String, HostTensor> tensors(Path dir) throws Exception {
        try (HfCausalLm m = HfCausalLm.load(dir, HfConfig.read(dir), Device.cpu())) {
            return m.toTensors();
        }
    }

    private static float maxDiff(float[][] a, float[][] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    private static double maxDiff(Map<String, HostTensor> a, Map<String, HostTensor> b) {
        double max = 0;
        for (String name : a.keySet()) {
            float[] x = a.get(name).data();
            float[] y = b.get(name).data();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }
}
