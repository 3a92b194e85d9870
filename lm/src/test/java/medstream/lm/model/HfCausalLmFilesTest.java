package medstream.lm.model;

import static medstream.lm.model.HfCausalLmTest.assertClose;
import static medstream.lm.model.HfCausalLmTest.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfDirectory;
import medstream.lm.hf.HfReference;
import medstream.lm.hf.HostTensor;
import medstream.lm.hf.SafetensorsWriter;
import medstream.lm.hf.TinyHfCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder loaded from and saved to HF directories: round trips, bf16, strict keys. */
class HfCausalLmFilesTest {

    @TempDir
    Path dir;

    @Test
    void givenAModelSavedShardedAndLoaded_whenRun_thenLogitsAreIdentical() throws IOException {
        HfConfig config = TinyHfCheckpoints.qwen2(false);
        int[] ids = tokens(1, 20);
        try (HfCausalLm lm = HfCausalLm.fromTensors(config, TinyHfCheckpoints.randomTensors(config, 2), Device.cpu())) {
            lm.save(dir, DType.F32, 20_000);
            assertThat(dir.resolve(SafetensorsWriter.INDEX)).exists();
            assertThat(HfConfig.read(dir)).isEqualTo(config);
            try (HfCausalLm back = HfCausalLm.load(dir, HfConfig.read(dir), Device.cpu())) {
                assertClose(back.logits(ids), lm.logits(ids), 0);
            }
        }
    }

    @Test
    void givenALoadedDirectoryTrainedAndSaved_whenOpenedAgain_thenTheTrainedWeightsAndTokenizerAreThere()
            throws IOException {
        HfConfig config = TinyHfCheckpoints.llama(true);
        Path source = dir.resolve("source");
        Path saved = dir.resolve("saved");
        TinyHfCheckpoints.write(source, config, TinyHfCheckpoints.randomTensors(config, 8), DType.BF16);
        int[] ids = tokens(9, 12);
        try (HfCausalLm lm = HfCausalLm.load(source, HfDirectory.open(source).config(), Device.cpu());
                medstream.lm.train.LmTrainer trainer = new medstream.lm.train.LmTrainer(lm,
                        medstream.lm.train.OptimizerConfig.defaults(), medstream.lm.train.LrSchedule.constant(1e-2, 0))) {
            float[][] before = lm.logits(ids);
            trainer.step(medstream.lm.train.TrainBatch.of(new int[][] {ids}));
            lm.save(saved, DType.F32, Long.MAX_VALUE);
            assertThat(HfDirectory.copySideFiles(source, saved)).hasSize(2);
            HfDirectory reopened = HfDirectory.open(saved);
            assertThat(reopened.chat()).isEqualTo(medstream.lm.hf.ChatFormat.LLAMA3);
            try (HfCausalLm back = HfCausalLm.load(saved, reopened.config(), Device.cpu())) {
                float[][] after = back.logits(ids);
                assertClose(after, lm.logits(ids), 0);
                assertThat(Math.abs(after[3][ids[4]] - before[3][ids[4]])).isGreaterThan(1e-3f);
            }
        }
    }

    @Test
    void givenABf16Checkpoint_whenLoaded_thenItEqualsTheBf16RoundedWeightsAndStaysCloseToF32() throws IOException {
        HfConfig config = TinyHfCheckpoints.llama(true);
        Map<String, HostTensor> weights = TinyHfCheckpoints.randomTensors(config, 3);
        TinyHfCheckpoints.write(dir, config, weights, DType.BF16);
        Map<String, HostTensor> rounded = new LinkedHashMap<>();
        weights.forEach((name, t) -> {
            float[] r = new float[t.data().length];
            for (int i = 0; i < r.length; i++) {
                r[i] = DType.bf16ToFloat(DType.floatToBf16(t.data()[i]));
            }
            rounded.put(name, new HostTensor(t.shape(), r));
        });
        int[] ids = tokens(4, 16);
        try (HfCausalLm bf16 = HfCausalLm.load(dir, HfDirectory.open(dir).config(), Device.cpu())) {
            float[][] logits = bf16.logits(ids);
            assertClose(logits, new HfReference(config, rounded).logits(ids), 1e-4);
            double[][] exact = new HfReference(config, weights).logits(ids);
            double worst = 0;
            for (int t = 0; t < ids.length; t++) {
                for (int v = 0; v < exact[t].length; v++) {
                    worst = Math.max(worst, Math.abs(logits[t][v] - exact[t][v]));
                }
            }
            // bf16 keeps 8 bits of mantissa: logits of size ~5 move by a few hundredths, not more
            assertThat(worst).isGreaterThan(1e-4).isLessThan(0.25);
        }
    }

    @Test
    void givenAConfigWithMoreLayersThanTheWeights_whenLoaded_thenMissingAndUnexpectedKeysAreListed()
            throws IOException {
        HfConfig config = TinyHfCheckpoints.qwen2(true);
        Map<String, HostTensor> weights = new LinkedHashMap<>(TinyHfCheckpoints.randomTensors(config, 5));
        weights.put("model.layers.0.self_attn.rotary_emb.inv_freq", new HostTensor(new long[] {4}, new float[4]));
        weights.put("extra.weight", new HostTensor(new long[] {1}, new float[1]));
        TinyHfCheckpoints.write(dir, config, weights, DType.F32);
        HfConfig deeper = new HfConfig("qwen2", config.vocabSize(), config.hiddenSize(), config.intermediateSize(), 3,
                config.heads(), config.kvHeads(), config.headDim(), config.rmsNormEps(), config.ropeTheta(), null, true,
                config.maxPositionEmbeddings(), true, false, false);
        assertThatThrownBy(() -> HfCausalLm.load(dir, deeper, Device.cpu()))
                .hasMessageContaining("missing 12 keys [model.layers.2.")
                .hasMessageContaining("unexpected 1 keys [extra.weight]")
                .hasMessageContaining("num_hidden_layers");
        Files.delete(dir.resolve("model.safetensors"));
        assertThatThrownBy(() -> HfCausalLm.load(dir, config, Device.cpu())).isInstanceOf(IOException.class);
    }
}
