package medstream.lm.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parts of a Hugging Face {@code config.json} that shape a Qwen2 or Llama decoder. Qwen2 always has q/k/v
 * biases and no o_proj bias; Llama has both exactly when {@code attention_bias} is true. Rotary settings come from
 * {@code rope_theta} + {@code rope_scaling}, or from the newer {@code rope_parameters} object holding both.
 *
 * @param modelType "qwen2" or "llama"
 * @param vocabSize rows of the embedding
 * @param hiddenSize model width d
 * @param intermediateSize MLP width
 * @param layers num_hidden_layers
 * @param heads num_attention_heads
 * @param kvHeads num_key_value_heads (heads when absent); heads must be a multiple
 * @param headDim head_dim (hiddenSize / heads when absent)
 * @param rmsNormEps RMSNorm epsilon
 * @param ropeTheta rotary base
 * @param ropeScaling Llama-3 scaling, or null
 * @param tieWordEmbeddings lm_head shares the embedding
 * @param maxPositionEmbeddings longest context
 * @param qkvBias q/k/v projections have biases
 * @param oBias o_proj has a bias
 * @param mlpBias gate/up/down projections have biases (Llama's mlp_bias)
 */
public record HfConfig(String modelType, int vocabSize, int hiddenSize, int intermediateSize, int layers, int heads,
        int kvHeads, int headDim, double rmsNormEps, double ropeTheta, RopeScaling ropeScaling,
        boolean tieWordEmbeddings, int maxPositionEmbeddings, boolean qkvBias, boolean oBias, boolean mlpBias) {

    /** The file name in a model directory. */
    public static final String FILE = "config.json";

    /** Checks the shape. */
    public HfConfig {
        if (!"qwen2".equals(modelType) && !"llama".equals(modelType)) {
            throw new IllegalArgumentException("model_type '" + modelType + "' is not supported; qwen2 and llama are");
        }
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + heads + " must be a positive multiple of"
                    + " num_key_value_heads " + kvHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + headDim + " must be even for rotary embeddings");
        }
    }

    /** A Qwen2 config (q/k/v biases, no o bias), head_dim = hidden / heads, no rope scaling. */
    public static HfConfig qwen2(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
            int maxPositions, boolean tied) {
        return new HfConfig("qwen2", vocab, hidden, intermediate, layers, heads, kvHeads, hidden / heads, 1e-6,
                1_000_000.0, null, tied, maxPositions, true, false, false);
    }

    /** A Llama config without biases, head_dim = hidden / heads. */
    public static HfConfig llama(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
            int maxPositions, boolean tied, RopeScaling scaling) {
        return new HfConfig("llama", vocab, hidden, intermediate, layers, heads, kvHeads, hidden / heads, 1e-5,
                500_000.0, scaling, tied, maxPositions, false, false, false);
    }

    /** The same config with another number of key/value heads. */
    public HfConfig withKvHeads(int kv) {
        return new HfConfig(modelType, vocabSize, hiddenSize, intermediateSize, layers, heads, kv, headDim, rmsNormEps,
                ropeTheta, ropeScaling, tieWordEmbeddings, maxPositionEmbeddings, qkvBias, oBias, mlpBias);
    }

    /** The same config with another rotary base. */
    public HfConfig withRopeTheta(double theta) {
        return new HfConfig(modelType, vocabSize, hiddenSize, intermediateSize, layers, heads, kvHeads, headDim,
                rmsNormEps, theta, ropeScaling, tieWordEmbeddings, maxPositionEmbeddings, qkvBias, oBias, mlpBias);
    }

    /** The same config with tied or untied embeddings. */
    public HfConfig withTiedEmbeddings(boolean tied) {
        return new HfConfig(modelType, vocabSize, hiddenSize, intermediateSize, layers, heads, kvHeads, headDim,
                rmsNormEps, ropeTheta, ropeScaling, tied, maxPositionEmbeddings, qkvBias, oBias, mlpBias);
    }

    /** Reads {@code config.json} of a model directory. */
    public static HfConfig read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        try {
            return parse(new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a config object; {@code source} names it in errors. */
    public static HfConfig parse(JsonNode root, String source) {
        String type = root.path("model_type").asText("");
        if (root.path("use_sliding_window").asBoolean(false)) {
            throw new IllegalArgumentException(source + " sets use_sliding_window, which is not implemented (every"
                    + " layer attends to the whole context); set it to false if the texts fit the window");
        }
        int hidden = required(root, "hidden_size", source);
        int heads = required(root, "num_attention_heads", source);
        JsonNode rope = root.has("rope_parameters") ? root.get("rope_parameters") : root.get("rope_scaling");
        double theta = rope != null && rope.has("rope_theta") ? rope.get("rope_theta").asDouble()
                : root.path("rope_theta").asDouble(10_000.0);
        boolean qwen = "qwen2".equals(type);
        boolean attentionBias = root.path("attention_bias").asBoolean(false);
        JsonNode headDim = root.get("head_dim");
        return new HfConfig(type, required(root, "vocab_size", source), hidden,
                required(root, "intermediate_size", source), required(root, "num_hidden_layers", source), heads,
                root.path("num_key_value_heads").asInt(heads),
                headDim == null || headDim.isNull() ? hidden / heads : headDim.asInt(),
                root.path("rms_norm_eps").asDouble(1e-6), theta, RopeScaling.parse(rope, source),
                root.path("tie_word_embeddings").asBoolean(false), root.path("max_position_embeddings").asInt(2048),
                qwen || attentionBias, !qwen && attentionBias, !qwen && root.path("mlp_bias").asBoolean(false));
    }

    private static int required(JsonNode root, String field, String source) {
        JsonNode v = root.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(source + " lacks integer field '" + field
                    + "'; it is not a Qwen2 / Llama config.json");
        }
        return v.asInt();
    }

    /** The config as {@code config.json} content that transformers and vLLM load. */
    public ObjectNode toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        boolean qwen = "qwen2".equals(modelType);
        root.putArray("architectures").add(qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
        root.put("model_type", modelType).put("vocab_size", vocabSize).put("hidden_size", hiddenSize)
                .put("intermediate_size", intermediateSize).put("num_hidden_layers", layers)
                .put("num_attention_heads", heads).put("num_key_value_heads", kvHeads).put("head_dim", headDim)
                .put("hidden_act", "silu").put("rms_norm_eps", rmsNormEps).put("rope_theta", ropeTheta)
                .put("tie_word_embeddings", tieWordEmbeddings).put("max_position_embeddings", maxPositionEmbeddings)
                .put("torch_dtype", "float32");
        if (ropeScaling != null) {
            ropeScaling.write(root.putObject("rope_scaling"));
        } else {
            root.putNull("rope_scaling");
        }
        if (!qwen) {
            root.put("attention_bias", qkvBias).put("mlp_bias", mlpBias);
        }
        return root;
    }

    /** Writes {@code config.json} into a directory. */
    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(toJson()), StandardCharsets.UTF_8);
    }
}
