package medstream.lm.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import medstream.lm.tokenizer.hf.ByteLevelBpeJson;

/**
 * Tiny seeded random Qwen2 and Llama checkpoints in the HF layout (config.json, model.safetensors,
 * tokenizer.json, tokenizer_config.json with a chat template), for tests and smoke runs without a download.
 * Weights are large enough (linears N(0, 1/in), norms 1 + N(0, 0.1), biases N(0, 0.1)) that logits differ
 * clearly between positions, so property tests can fail.
 */
public final class TinyHfCheckpoints {

    /** Merges of the tiny tokenizer, in rank order. */
    private static final List<String[]> MERGES = List.of(new String[] {" ", "t"}, new String[] {"h", "e"},
            new String[] {" t", "he"}, new String[] {"i", "n"}, new String[] {" ", "a"}, new String[] {"e", "r"},
            new String[] {"o", "n"}, new String[] {" ", "s"}, new String[] {"e", "s"}, new String[] {" ", "p"},
            new String[] {" p", "a"}, new String[] {"t", "i"}, new String[] {"e", "n"}, new String[] {"en", "t"});
    private static final List<String> QWEN_SPECIALS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");
    private static final List<String> LLAMA_SPECIALS = List.of("<|begin_of_text|>", "<|end_of_text|>",
            "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>");
    /** 256 bytes + merges + specials fit below this; real models pad vocab_size beyond the tokenizer too. */
    public static final int VOCAB = 288;

    private TinyHfCheckpoints() {}

    /** A tiny Qwen2: hidden 32, 2 layers, 4 heads over 2 KV heads, MLP 64, context 64. */
    public static HfConfig qwen2(boolean tied) {
        return HfConfig.qwen2(VOCAB, 32, 64, 2, 4, 2, 64, tied);
    }

    /**
     * A tiny Llama with Llama-3 rope scaling (its head's 4 frequencies fall in all three bands): hidden 32,
     * 2 layers, 4 heads over 1 KV head, MLP 48, context 64.
     */
    public static HfConfig llama(boolean tied) {
        return HfConfig.llama(VOCAB, 32, 48, 2, 4, 1, 64, tied, new RopeScaling(8.0, 1.0, 4.0, 100))
                .withRopeTheta(10_000.0);
    }

    /** Seeded random tensors for a config, by HF key. */
    public static Map<String, HostTensor> randomTensors(HfConfig config, long seed) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : HfLayout.shapes(config).entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
            float[] data = new float[Math.toIntExact(shape[0] * (shape.length > 1 ? shape[1] : 1))];
            boolean norm = name.endsWith("norm.weight");
            double std = name.endsWith(".bias") || norm ? 0.1 : name.startsWith("model.embed") ? 0.5
                    : 1.0 / Math.sqrt(shape[1]);
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) ((norm ? 1.0 : 0.0) + rng.nextGaussian() * std);
            }
            out.put(name, new HostTensor(shape, data));
        }
        return out;
    }

    /**
     * Writes a checkpoint directory.
     *
     * @param dir target (created)
     * @param config qwen2 or llama config
     * @param tensors weights by HF key (e.g. {@link #randomTensors})
     * @param dtype F32 or BF16
     * @throws IOException when writing fails
     */
    public static void write(Path dir, HfConfig config, Map<String, HostTensor> tensors, DType dtype)
            throws IOException {
        SafetensorsWriter.writeModel(dir, tensors, dtype, Long.MAX_VALUE);
        config.write(dir);
        writeTokenizer(dir, "qwen2".equals(config.modelType()));
    }

    /** Writes tokenizer.json and tokenizer_config.json (ChatML for Qwen, Llama-3 headers for Llama). */
    public static void writeTokenizer(Path dir, boolean qwen) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tokenizer = ByteLevelBpeJson.build(MERGES, qwen ? QWEN_SPECIALS : LLAMA_SPECIALS);
        Files.writeString(dir.resolve(HfDirectory.TOKENIZER), json.writeValueAsString(tokenizer),
                StandardCharsets.UTF_8);
        ObjectNode settings = json.createObjectNode();
        if (qwen) {
            settings.putNull("bos_token").put("eos_token", "<|im_end|>").put("pad_token", "<|endoftext|>")
                    .put("chat_template", "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
                            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt"
                            + " %}{{ '<|im_start|>assistant\\n' }}{% endif %}");
        } else {
            settings.put("bos_token", "<|begin_of_text|>").put("eos_token", "<|eot_id|>")
                    .put("chat_template", "{{ bos_token }}{% for message in messages %}{{ '<|start_header_id|>' +"
                            + " message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim +"
                            + " '<|eot_id|>' }}{% endfor %}{% if add_generation_prompt %}{{"
                            + " '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}");
        }
        Files.writeString(dir.resolve(HfDirectory.TOKENIZER_CONFIG),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(settings), StandardCharsets.UTF_8);
    }
}
