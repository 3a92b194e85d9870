package medstream.lm.hf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The HF parameter keys and shapes of a Qwen2 / Llama decoder ({@code [out, in]} for linears, as torch). */
public final class HfLayout {

    /** Token embedding [V, d]. */
    public static final String EMBED = "model.embed_tokens.weight";
    /** Final RMSNorm weight [d]. */
    public static final String NORM = "model.norm.weight";
    /** Untied output layer [V, d]. */
    public static final String LM_HEAD = "lm_head.weight";

    private HfLayout() {}

    /** Key prefix of a block, e.g. {@code model.layers.3.}. */
    public static String layer(int i) {
        return "model.layers." + i + ".";
    }

    /** Every parameter key with its shape, in the order save_pretrained writes them. */
    public static Map<String, long[]> shapes(HfConfig c) {
        long d = c.hiddenSize();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put(EMBED, new long[] {c.vocabSize(), d});
        for (int i = 0; i < c.layers(); i++) {
            String p = layer(i);
            out.put(p + "input_layernorm.weight", new long[] {d});
            linear(out, p + "self_attn.q_proj", q, d, c.qkvBias());
            linear(out, p + "self_attn.k_proj", kv, d, c.qkvBias());
            linear(out, p + "self_attn.v_proj", kv, d, c.qkvBias());
            linear(out, p + "self_attn.o_proj", d, q, c.oBias());
            out.put(p + "post_attention_layernorm.weight", new long[] {d});
            linear(out, p + "mlp.gate_proj", c.intermediateSize(), d, c.mlpBias());
            linear(out, p + "mlp.up_proj", c.intermediateSize(), d, c.mlpBias());
            linear(out, p + "mlp.down_proj", d, c.intermediateSize(), c.mlpBias());
        }
        out.put(NORM, new long[] {d});
        if (!c.tieWordEmbeddings()) {
            out.put(LM_HEAD, new long[] {c.vocabSize(), d});
        }
        return out;
    }

    private static void linear(Map<String, long[]> out, String prefix, long rows, long cols, boolean bias) {
        out.put(prefix + ".weight", new long[] {rows, cols});
        if (bias) {
            out.put(prefix + ".bias", new long[] {rows});
        }
    }

    /**
     * Keys a checkpoint may hold that the model does not use: rotary {@code inv_freq} buffers of older saves, and
     * {@code lm_head.weight} when the embeddings are tied (some saves write it anyway).
     */
    public static Set<String> ignorable(HfConfig c, Set<String> present) {
        Set<String> out = new TreeSet<>();
        for (String name : present) {
            if (name.endsWith("rotary_emb.inv_freq") || (c.tieWordEmbeddings() && LM_HEAD.equals(name))) {
                out.add(name);
            }
        }
        return out;
    }

    /** Fails unless a tensor has the shape the config needs. */
    public static void checkShape(String name, long[] actual, long[] expected, HfConfig c) {
        if (!Arrays.equals(actual, expected)) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(actual)
                    + " but config.json (" + c.modelType() + ", hidden " + c.hiddenSize() + ", heads " + c.heads()
                    + "/" + c.kvHeads() + ", head_dim " + c.headDim() + ") needs " + Arrays.toString(expected)
                    + "; the config belongs to another model size");
        }
    }
}
