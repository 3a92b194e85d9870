package medstream.lm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.model.HfCausalLm;
import medstream.lm.tokenizer.hf.HfTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelDirectory} opens Hugging Face Qwen2 / Llama directories, so labeling can use them. */
class ModelDirectoryHfTest {

    @TempDir
    Path dir;

    @Test
    void givenATinyQwenDirectory_whenOpened_thenItScoresWithItsOwnTokenizer() throws IOException {
        HfConfig config = TinyHfCheckpoints.qwen2(true);
        TinyHfCheckpoints.write(dir, config, TinyHfCheckpoints.randomTensors(config, 9), DType.BF16);
        assertThat(ModelDirectory.kindOf(dir)).isEqualTo(ModelDirectory.Kind.HUGGING_FACE);
        try (ModelDirectory.Loaded m = ModelDirectory.open(dir, Device.cpu())) {
            assertThat(m.model()).isInstanceOf(HfCausalLm.class);
            assertThat(m.tokenizer()).isInstanceOf(HfTokenizer.class);
            int[] prompt = m.tokenizer().encode("<|im_start|>user\nthe patient<|im_end|>\n", true);
            List<Score> scores = m.model().scorer().scoreOptions(prompt,
                    List.of(m.tokenizer().encode(" yes"), m.tokenizer().encode(" no")));
            assertThat(scores).hasSize(2).allSatisfy(s -> assertThat(s.sumLogProb()).isNegative());
            assertThat(scores.get(0).sumLogProb()).isNotEqualTo(scores.get(1).sumLogProb());
        }
    }
}
