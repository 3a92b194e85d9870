package medstream.lm.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import medstream.lm.hf.ChatFormat.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json parsing, the chat format and the tokenizer of tiny HF directories. */
class HfDirectoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void givenAQwen2ConfigWithRopeParameters_whenParsed_thenBiasesDefaultsAndThetaFollowQwen() throws IOException {
        HfConfig c = HfConfig.parse(JSON.readTree("""
                {"model_type": "qwen2", "vocab_size": 151936, "hidden_size": 896, "intermediate_size": 4864,
                 "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2,
                 "rms_norm_eps": 1e-06, "rope_parameters": {"rope_type": "default", "rope_theta": 1000000.0},
                 "tie_word_embeddings": true, "max_position_embeddings": 32768}"""), "qwen");
        assertThat(c.headDim()).isEqualTo(64);
        assertThat(c.kvHeads()).isEqualTo(2);
        assertThat(c.ropeTheta()).isEqualTo(1e6);
        assertThat(c.ropeScaling()).isNull();
        assertThat(c.qkvBias()).isTrue();
        assertThat(c.oBias()).isFalse();
        assertThat(c.tieWordEmbeddings()).isTrue();
        assertThat(HfLayout.shapes(c)).containsKey("model.layers.0.self_attn.k_proj.bias")
                .doesNotContainKey("lm_head.weight");
        assertThat(HfLayout.shapes(c).get("model.layers.23.self_attn.k_proj.weight")).containsExactly(128, 896);
    }

    @Test
    void givenALlama3Config_whenParsed_thenRopeScalingHeadDimAndBiasesAreRead() throws IOException {
        HfConfig c = HfConfig.parse(JSON.readTree("""
                {"model_type": "llama", "vocab_size": 128256, "hidden_size": 2048, "intermediate_size": 8192,
                 "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 64,
                 "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "attention_bias": false,
                 "rope_scaling": {"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0,
                                  "high_freq_factor": 4.0, "original_max_position_embeddings": 8192},
                 "tie_word_embeddings": true, "max_position_embeddings": 131072}"""), "llama");
        assertThat(c.ropeScaling()).isEqualTo(new RopeScaling(32.0, 1.0, 4.0, 8192));
        assertThat(c.qkvBias()).isFalse();
        assertThat(c.headDim()).isEqualTo(64);
        // high frequencies are kept, low ones divided by the factor
        double[] plain = RopeScaling.inverseFrequencies(64, 500000.0, null);
        double[] scaled = RopeScaling.inverseFrequencies(64, 500000.0, c.ropeScaling());
        assertThat(scaled[0]).isEqualTo(plain[0]);
        assertThat(scaled[31]).isCloseTo(plain[31] / 32, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(scaled[20]).isBetween(plain[20] / 32, plain[20]);
    }

    @Test
    void givenTheNewerRopeParametersKey_whenParsed_thenThetaAndLlama3ScalingComeFromIt() throws IOException {
        HfConfig c = HfConfig.parse(JSON.readTree("""
                {"model_type": "llama", "vocab_size": 10, "hidden_size": 8, "intermediate_size": 8,
                 "num_hidden_layers": 1, "num_attention_heads": 2, "rope_theta": 1.0,
                 "rope_parameters": {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 8.0,
                   "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}}
                """), "cfg");
        assertThat(c.ropeTheta()).isEqualTo(500000.0);
        assertThat(c.ropeScaling()).isEqualTo(new RopeScaling(8.0, 1.0, 4.0, 8192));
        assertThat(HfConfig.parse(c.toJson(), "written")).isEqualTo(c);
    }

    @Test
    void givenAnUnsupportedRopeType_whenParsed_thenTheErrorSaysWhichAreSupported() {
        assertThatThrownBy(() -> HfConfig.parse(JSON.readTree("""
                {"model_type": "llama", "vocab_size": 10, "hidden_size": 8, "intermediate_size": 8,
                 "num_hidden_layers": 1, "num_attention_heads": 2, "rope_scaling": {"type": "yarn", "factor": 4}}
                """), "cfg")).hasMessageContaining("yarn").hasMessageContaining("llama3");
        assertThatThrownBy(() -> HfConfig.parse(JSON.readTree("{\"model_type\": \"qwen2\", \"use_sliding_window\": true}"),
                "cfg")).hasMessageContaining("use_sliding_window");
    }

    @Test
    void givenATinyQwenDirectory_whenOpened_thenConfigTokenizerAndChatMlAreFound() throws IOException {
        HfConfig config = TinyHfCheckpoints.qwen2(true);
        TinyHfCheckpoints.write(dir, config, TinyHfCheckpoints.randomTensors(config, 1), DType.F32);
        HfDirectory d = HfDirectory.open(dir);
        assertThat(HfDirectory.looksLikeOne(dir)).isTrue();
        assertThat(d.config()).isEqualTo(config);
        assertThat(d.chat()).isEqualTo(ChatFormat.CHATML);
        assertThat(d.tokenizer().eosId()).isEqualTo(d.tokenizer().id("<|im_end|>"));
        String prompt = d.chat().render(List.of(new Message("user", "the patient")), true);
        assertThat(prompt).isEqualTo("<|im_start|>user\nthe patient<|im_end|>\n<|im_start|>assistant\n");
        int[] ids = d.tokenizer().encode(prompt, true);
        assertThat(ids[0]).isEqualTo(d.tokenizer().id("<|im_start|>"));
        assertThat(d.tokenizer().decode(ids)).isEqualTo(prompt);
        // " the" is one merged token, so the tokenizer's merges are in effect
        assertThat(d.tokenizer().encode(" the")).hasSize(1);
    }

    @Test
    void givenATinyLlamaDirectory_whenOpened_thenLlama3HeadersAreRendered() throws IOException {
        HfConfig config = TinyHfCheckpoints.llama(false);
        TinyHfCheckpoints.write(dir, config, TinyHfCheckpoints.randomTensors(config, 1), DType.BF16);
        HfDirectory d = HfDirectory.open(dir);
        assertThat(d.config()).isEqualTo(config);
        assertThat(d.chat()).isEqualTo(ChatFormat.LLAMA3);
        assertThat(d.tokenizer().bosId()).isEqualTo(d.tokenizer().id("<|begin_of_text|>"));
        assertThat(d.chat().render(List.of(new Message("system", " be brief "), new Message("user", "hi")), true))
                .isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nbe brief<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
        assertThat(d.chat().endOfTurn()).isEqualTo("<|eot_id|>");
    }

    @Test
    void givenAConfigThatIsNotAnHfOne_whenAsked_thenItIsNotTakenForOne() throws IOException {
        java.nio.file.Files.writeString(dir.resolve("config.json"), "{\"vocabSize\": 61, \"layers\": 2}");
        assertThat(HfDirectory.looksLikeOne(dir)).isFalse();
    }
}
