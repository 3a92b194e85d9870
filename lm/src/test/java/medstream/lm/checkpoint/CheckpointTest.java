package medstream.lm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import medstream.lm.model.CausalLm;
import medstream.lm.model.LoraConfig;
import medstream.lm.testing.TinyModels;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.StepResult;
import medstream.lm.train.TrainBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final LrSchedule SCHEDULE = LrSchedule.cosine(3e-3, 2, 12, 0.1);

    /** Extra trainer state, as a trainer would attach it. */
    record RngState(long seed, long draws) {}

    @Test
    void givenEverythingATrainerSaves_whenWrittenAndOpened_thenAllOfItComesBack(@TempDir Path root) throws Exception {
        Path tokenizer = Files.writeString(root.resolve("tokenizer.json"), "{\"vocab\": 61}", StandardCharsets.UTF_8);
        Path merges = Files.writeString(root.resolve("merges.txt"), "a b\n", StandardCharsets.UTF_8);
        Path reservoir = Files.write(root.resolve("reservoir.bin"), new byte[] {1, 2, 3, 4});
        try (CausalLm model = TinyModels.fresh();
                LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), SCHEDULE)) {
            trainer.step(TrainBatch.of(TinyModels.countingBatch(new Random(1), 2, 9)));

            Checkpoint written = Checkpoint.writer(model)
                    .trainer(trainer)
                    .tokenizerFiles(List.of(tokenizer, merges))
                    .offsets(Map.of("docs.clean-0", 1234L, "docs.clean-1", 99L))
                    .parentVersion("step-000000")
                    .dataStats(Map.of("documents", 42L, "duplicateRatio", 0.125))
                    .metrics(Map.of("trainLoss", 3.5))
                    .extraJson("rng", new RngState(7, 1000))
                    .extraFile("reservoir.bin", reservoir)
                    .writeTo(root.resolve("ckpt").resolve("step-000001"));

            Checkpoint c = Checkpoint.open(written.dir());
            assertThat(c.version()).isEqualTo("step-000001");
            assertThat(c.step()).isEqualTo(1);
            assertThat(c.config()).isEqualTo(model.config());
            assertThat(c.loraConfig()).isEmpty();
            assertThat(c.offsets()).containsExactlyInAnyOrderEntriesOf(Map.of("docs.clean-0", 1234L, "docs.clean-1", 99L));
            assertThat(c.parentVersion()).contains("step-000000");
            assertThat(c.dataStats()).containsEntry("documents", 42L).containsEntry("duplicateRatio", 0.125);
            assertThat(c.metrics()).containsEntry("trainLoss", 3.5);
            assertThat(c.extraJson("rng", RngState.class)).contains(new RngState(7, 1000));
            assertThat(Files.readAllBytes(c.extraFile("reservoir.bin").orElseThrow())).containsExactly(1, 2, 3, 4);
            assertThat(c.tokenizerFiles()).extracting(p -> p.getFileName().toString())
                    .containsExactly("merges.txt", "tokenizer.json");
            assertThat(c.optimizerConfig()).contains(OptimizerConfig.defaults());
            assertThat(c.schedule()).contains(SCHEDULE);
            assertThat(c.hasOptimizerState()).isTrue();
            try (Stream<Path> siblings = Files.list(root.resolve("ckpt"))) {
                assertThat(siblings).hasSize(1); // no temporary directory left behind
            }
        }
    }

    @Test
    void givenATruncatedParameterFile_whenOpened_thenCorruptCheckpointNamesIt(@TempDir Path root) throws Exception {
        Path dir = writeSimple(root.resolve("v1"));
        Path params = dir.resolve(Checkpoint.PARAMETERS);
        long size = Files.size(params);
        try (var channel = Files.newByteChannel(params, StandardOpenOption.WRITE)) {
            channel.truncate(size / 2);
        }
        assertThatThrownBy(() -> Checkpoint.open(dir))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(Checkpoint.PARAMETERS)
                .hasMessageContaining("truncated")
                .hasMessageContaining("resume from the previous checkpoint")
                .satisfies(e -> assertThat(((CorruptCheckpointException) e).file()).isEqualTo(params));
    }

    @Test
    void givenAFlippedByte_whenOpened_thenTheHashMismatchIsReported(@TempDir Path root) throws Exception {
        Path dir = writeSimple(root.resolve("v1"));
        Path config = dir.resolve(Checkpoint.STATE);
        byte[] bytes = Files.readAllBytes(config);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(config, bytes);
        assertThatThrownBy(() -> Checkpoint.open(dir))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(Checkpoint.STATE)
                .hasMessageContaining("SHA-256");
    }

    @Test
    void givenNoManifest_whenOpened_thenTheCheckpointIsReportedUnfinished(@TempDir Path root) throws Exception {
        Path dir = writeSimple(root.resolve("v1"));
        Files.delete(dir.resolve(Checkpoint.MANIFEST));
        assertThatThrownBy(() -> Checkpoint.open(dir))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("not finished");
    }

    @Test
    void givenAnExistingTarget_whenWriting_thenRefusedAndTheExistingCheckpointIsUntouched(@TempDir Path root)
            throws Exception {
        Path dir = writeSimple(root.resolve("v1"));
        String manifest = Files.readString(dir.resolve(Checkpoint.MANIFEST));
        try (CausalLm model = TinyModels.fresh()) {
            assertThatThrownBy(() -> Checkpoint.writer(model).writeTo(dir)).isInstanceOf(FileAlreadyExistsException.class);
        }
        assertThat(Files.readString(dir.resolve(Checkpoint.MANIFEST))).isEqualTo(manifest);
        try (Stream<Path> children = Files.list(root)) {
            assertThat(children).containsExactly(dir);
        }
    }

    @Test
    void givenAGoodAnOlderAndADamagedCheckpoint_whenLookingForTheLatest_thenTheNewestGoodOneIsChosen(@TempDir Path root)
            throws Exception {
        try (CausalLm model = TinyModels.fresh()) {
            Checkpoint.writer(model).step(5).writeTo(root.resolve("a"));
            Checkpoint.writer(model).step(10).writeTo(root.resolve("b"));
            Checkpoint.writer(model).step(20).writeTo(root.resolve("c"));
        }
        Files.delete(root.resolve("c").resolve(Checkpoint.MANIFEST));
        Files.createDirectories(root.resolve(".d.tmp-123"));

        assertThat(Checkpoint.latest(root)).get().extracting(Checkpoint::version).isEqualTo("b");
        assertThat(Checkpoint.deleteUnfinished(root)).isEqualTo(1);
        assertThat(Checkpoint.latest(root.resolve("missing"))).isEmpty();
    }

    @Test
    void givenACheckpointMidRun_whenResumed_thenTrainingEndsExactlyWhereAStraightRunEnds(@TempDir Path root)
            throws Exception {
        int steps = 8;
        List<int[][]> data = new java.util.ArrayList<>();
        Random random = new Random(21);
        for (int i = 0; i < steps; i++) {
            data.add(TinyModels.countingBatch(random, 4, 17));
        }
        var config = TinyModels.config().withDropout(0.1);
        try (CausalLm straight = CausalLm.create(config, Device.cpu());
                LmTrainer trainer = new LmTrainer(straight, OptimizerConfig.defaults(), SCHEDULE)) {
            for (int[][] batch : data) {
                trainer.step(TrainBatch.of(batch));
            }

            Path dir = root.resolve("half");
            try (CausalLm first = CausalLm.create(config, Device.cpu());
                    LmTrainer firstTrainer = new LmTrainer(first, OptimizerConfig.defaults(), SCHEDULE)) {
                for (int i = 0; i < steps / 2; i++) {
                    firstTrainer.step(TrainBatch.of(data.get(i)));
                }
                Checkpoint.writer(first).trainer(firstTrainer).writeTo(dir);
            }

            Checkpoint checkpoint = Checkpoint.open(dir);
            try (CausalLm resumed = checkpoint.loadModel(Device.cpu());
                    LmTrainer resumedTrainer = checkpoint.newTrainer(resumed)) {
                assertThat(resumedTrainer.completedSteps()).isEqualTo(steps / 2);
                StepResult result = null;
                for (int i = steps / 2; i < steps; i++) {
                    result = resumedTrainer.step(TrainBatch.of(data.get(i)));
                }
                assertThat(result.learningRate()).isEqualTo(SCHEDULE.lr(steps - 1));
                assertThat(resumedTrainer.optimizer().step()).isEqualTo(trainer.optimizer().step());
                Map<String, NDArray> expected = straight.parameters();
                Map<String, NDArray> actual = resumed.parameters();
                for (String name : expected.keySet()) {
                    float[] x = expected.get(name).toFloatArray();
                    float[] y = actual.get(name).toFloatArray();
                    for (int i = 0; i < x.length; i++) {
                        assertThat(y[i]).as("%s[%d]", name, i).isCloseTo(x[i], within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void givenALoraModel_whenCheckpointedAndLoaded_thenTheAdaptersComeBack(@TempDir Path root) throws Exception {
        int[] probe = {1, 2, 3, 4, 5};
        try (CausalLm model = TinyModels.fresh()) {
            model.enableLora(LoraConfig.of(2, 4, "q,mlp_in"));
            try (LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), SCHEDULE)) {
                trainer.step(TrainBatch.of(TinyModels.countingBatch(new Random(2), 2, 9)));
                Checkpoint.writer(model).trainer(trainer).writeTo(root.resolve("lora"));
            }
            float[][] expected = model.logits(probe);
            Checkpoint c = Checkpoint.open(root.resolve("lora"));
            assertThat(c.loraConfig()).contains(LoraConfig.of(2, 4, "q,mlp_in"));
            try (CausalLm loaded = CausalLm.load(c.dir()); LmTrainer t = c.newTrainer(loaded)) {
                assertThat(loaded.trainableParameters()).containsKey("h.1.mlp.in.lora_b").hasSize(8);
                float[][] actual = loaded.logits(probe);
                for (int i = 0; i < probe.length; i++) {
                    assertThat(actual[i]).containsExactly(expected[i]);
                }
                assertThat(t.completedSteps()).isEqualTo(1);
            }
        }
    }

    private static Path writeSimple(Path dir) throws Exception {
        try (CausalLm model = TinyModels.fresh()) {
            return Checkpoint.writer(model).step(3).metrics(Map.of("loss", 1.0)).writeTo(dir).dir();
        }
    }
}
