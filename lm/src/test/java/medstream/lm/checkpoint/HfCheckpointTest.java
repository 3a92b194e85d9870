package medstream.lm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import medstream.lm.ModelDirectory;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.HostTensor;
import medstream.lm.hf.SafetensorsWeights;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.model.DecoderNet;
import medstream.lm.model.HfCausalLm;
import medstream.lm.model.LoraConfig;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.StepResult;
import medstream.lm.train.TrainBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of the Qwen2 / Llama decoder: a Hugging Face directory that HF loaders read (merged weights, tokenizer
 * files beside config.json), and a resumable training state (optimizer moments, unmerged adapters over a named base).
 */
class HfCheckpointTest {

    private static final LrSchedule SCHEDULE = LrSchedule.cosine(1e-2, 1, 20, 0.1);
    private static final int[][] ROWS = {{5, 17, 40, 41, 90, 7, 3, 120, 66, 12}, {9, 9, 31, 200, 45, 46, 47, 1, 2, 3}};

    @TempDir
    Path root;

    @Test
    void givenALoraRun_whenCheckpointedAndResumed_thenTheNextStepsEqualAnUninterruptedRunAndTheBaseIsUnchanged()
            throws Exception {
        Path base = writeBase(root.resolve("base"));
        LoraConfig lora = new LoraConfig(8, 16, List.of("q", "k", "v", "o"));
        Checkpoint written;
        double[] uninterrupted = new double[3];
        Map<String, HostTensor> baseWeights;
        try (HfCausalLm model = HfCausalLm.load(base, HfConfig.read(base), Device.cpu())) {
            baseWeights = model.toTensors();
            model.enableLora(lora);
            try (LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), SCHEDULE)) {
                for (int i = 0; i < 3; i++) {
                    trainer.step(TrainBatch.of(ROWS));
                }
                written = Checkpoint.writer(model).trainer(trainer).loraBase(base)
                        .tokenizerFiles(List.of(base.resolve(HfDirectory.TOKENIZER), base.resolve(HfDirectory.TOKENIZER_CONFIG)))
                        .offsets(Map.of("stage3.tasks-0", 12L)).writeTo(root.resolve("v1"));
                for (int i = 0; i < 3; i++) {
                    uninterrupted[i] = trainer.step(TrainBatch.of(ROWS)).loss();
                }
            }
            assertThat(model.toTensors()).isEqualTo(baseWeights); // LoRA moved only the adapters
        }

        Checkpoint c = Checkpoint.open(written.dir());
        assertThat(c.isHuggingFace()).isTrue();
        assertThat(c.loraConfig()).contains(lora);
        assertThat(c.loraBase()).contains(base.toAbsolutePath().normalize());
        assertThat(c.offsets()).containsEntry("stage3.tasks-0", 12L);
        try (DecoderNet resumed = c.loadTrainable(Device.cpu()); LmTrainer trainer = c.newTrainer(resumed)) {
            assertThat(((HfCausalLm) resumed).toTensors()).isEqualTo(baseWeights);
            for (int i = 0; i < 3; i++) {
                StepResult r = trainer.step(TrainBatch.of(ROWS));
                assertThat(r.loss()).as("step %d after resume", i + 1).isEqualTo(uninterrupted[i]);
            }
        }
    }

    @Test
    void givenALoraCheckpoint_whenLoadedAsAModelDirectory_thenItIsTheMergedModelWithItsTokenizer() throws Exception {
        Path base = writeBase(root.resolve("base"));
        float[][] adapted;
        float[][] original;
        Path dir;
        try (HfCausalLm model = HfCausalLm.load(base, HfConfig.read(base), Device.cpu())) {
            original = model.logits(ROWS[0]);
            model.enableLora(new LoraConfig(8, 16, List.of("q", "v")));
            try (LmTrainer trainer = new LmTrainer(model, OptimizerConfig.defaults(), SCHEDULE)) {
                for (int i = 0; i < 5; i++) {
                    trainer.step(TrainBatch.of(ROWS));
                }
                dir = Checkpoint.writer(model).trainer(trainer).loraBase(base)
                        .tokenizerFiles(List.of(base.resolve(HfDirectory.TOKENIZER), base.resolve(HfDirectory.TOKENIZER_CONFIG)))
                        .writeTo(root.resolve("v1")).dir();
            }
            adapted = model.logits(ROWS[0]);
        }
        // What an HF loader sees at the top level: config.json, one weights file without adapters, the tokenizer.
        try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
            assertThat(weights.names()).noneMatch(n -> n.contains("lora"));
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".safetensors")))
                .containsExactly("model.safetensors");
        assertThat(ModelDirectory.kindOf(dir)).isEqualTo(ModelDirectory.Kind.HUGGING_FACE);
        try (ModelDirectory.Loaded loaded = ModelDirectory.open(dir, Device.cpu())) {
            assertThat(loaded.version()).isEqualTo("v1");
            float[][] merged = ((DecoderNet) loaded.model()).logits(ROWS[0]);
            assertClose(merged, adapted, 1e-4);
            assertThat(maxDiff(merged, original)).isGreaterThan(1e-3f);
            assertThat(loaded.tokenizer().vocabSize()).isEqualTo(HfDirectory.open(base).tokenizer().vocabSize());
        }
    }

    @Test
    void givenAnHfCheckpoint_whenReadAsTheGpt_thenTheErrorSaysHowToLoadIt() throws Exception {
        Path base = writeBase(root.resolve("base"));
        Path dir;
        try (HfCausalLm model = HfCausalLm.load(base, HfConfig.read(base), Device.cpu())) {
            dir = Checkpoint.writer(model).writeTo(root.resolve("v1")).dir();
        }
        Checkpoint c = Checkpoint.open(dir);
        assertThatThrownBy(c::config).hasMessageContaining("hfConfig()");
        assertThatThrownBy(() -> c.loadModel(Device.cpu())).hasMessageContaining("loadTrainable");
        assertThat(c.hasOptimizerState()).isFalse();
        assertThat(c.contextLength()).isEqualTo(TinyHfCheckpoints.qwen2(true).maxPositionEmbeddings());
    }

    private static Path writeBase(Path dir) throws Exception {
        HfConfig config = TinyHfCheckpoints.qwen2(false);
        Files.createDirectories(dir);
        TinyHfCheckpoints.write(dir, config, TinyHfCheckpoints.randomTensors(config, 71), DType.BF16);
        return dir;
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

    private static void assertClose(float[][] actual, float[][] expected, double tolerance) {
        assertThat(maxDiff(actual, expected)).isLessThanOrEqualTo((float) tolerance);
    }
}
