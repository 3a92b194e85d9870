package medstream.lm.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfLayout;
import medstream.lm.hf.HostTensor;
import medstream.lm.hf.RopeScaling;
import medstream.lm.hf.SafetensorsWeights;
import medstream.lm.hf.SafetensorsWriter;

/**
 * A decoder of the Qwen2 / Llama family in DJL ops, parameter for parameter as HF's {@code modeling_qwen2.py} and
 * {@code modeling_llama.py}: token embedding, blocks of RMSNorm, grouped-query attention with rotary embeddings
 * (k/v heads repeated per query group as HF's {@code repeat_kv}), RMSNorm, SwiGLU MLP
 * {@code down(silu(gate(x)) * up(x))}, a final RMSNorm and an output layer (tied to the embedding or
 * {@code lm_head}). Parameters are NDArrays named by their HF keys, with gradients, so
 * {@link medstream.lm.train.LmTrainer} trains it; it scores and generates with the same {@link CausalLmScorer} and
 * {@link CausalLmGenerator} as {@link CausalLm}, prefix reuse and KV cache included. LoRA adapters
 * ({@link #enableLora}) on the attention and MLP projections make continued training of a large checkpoint cheap.
 *
 * <p>Not thread-safe.
 */
public final class HfCausalLm extends DecoderNet {

    /** LoRA target names (as {@link LoraConfig}) to the HF projections they adapt. */
    private static final Map<String, List<String>> PROJECTIONS = Map.of("q", List.of("self_attn.q_proj"),
            "k", List.of("self_attn.k_proj"), "v", List.of("self_attn.v_proj"), "o", List.of("self_attn.o_proj"),
            "mlp_in", List.of("mlp.gate_proj", "mlp.up_proj"), "mlp_out", List.of("mlp.down_proj"));

    private final HfConfig config;
    /** [Dh / 2] float32 rotary inverse frequencies (not trained). */
    private final NDArray invFreq;

    private HfCausalLm(HfConfig config, Device device) {
        super(device);
        this.config = config;
        double[] inv = RopeScaling.inverseFrequencies(config.headDim(), config.ropeTheta(), config.ropeScaling());
        float[] f = new float[inv.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) inv[i];
        }
        invFreq = buffer(manager.create(f));
    }

    /**
     * Builds a model from tensors named by their HF keys.
     *
     * @param config the network shape
     * @param tensors exactly the keys of {@link HfLayout#shapes} (a tied lm_head.weight is ignored)
     * @param device where parameters live
     * @return the model; close it when done
     */
    public static HfCausalLm fromTensors(HfConfig config, Map<String, HostTensor> tensors, Device device) {
        try {
            return build(config, device, tensors::get);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a map lookup does no I/O
        }
    }

    /** A source of tensors by key: a map, or a file read one tensor at a time. */
    private interface TensorSource {
        HostTensor get(String name) throws IOException;
    }

    /** Creates each parameter as soon as its tensor is read, so the Java copy of only one tensor is alive at once. */
    private static HfCausalLm build(HfConfig config, Device device, TensorSource tensors) throws IOException {
        return filled(new HfCausalLm(config, device), model -> {
            for (Map.Entry<String, long[]> e : HfLayout.shapes(config).entrySet()) {
                HostTensor t = tensors.get(e.getKey());
                if (t == null) {
                    throw new IllegalArgumentException("no tensor '" + e.getKey() + "' for " + config);
                }
                HfLayout.checkShape(e.getKey(), t.shape(), e.getValue(), config);
                NDArray a = model.manager.create(t.data(), new Shape(t.shape()));
                a.setRequiresGradient(true);
                model.params.add(e.getKey(), a);
            }
        });
    }

    /**
     * Loads a model directory (its config.json and weights) onto the preferred device (GPU when PyTorch sees one).
     *
     * @param dir a Hugging Face Qwen2 / Llama directory
     * @return the model; close it when done
     * @throws IOException when a file cannot be read
     */
    public static HfCausalLm load(Path dir) throws IOException {
        return load(dir, HfConfig.read(dir), Devices.preferred());
    }

    /**
     * Loads a model directory's weights ({@code model.safetensors} or shards; F32, F16 or BF16, widened to f32).
     *
     * @param dir the directory
     * @param config its config.json
     * @param device where parameters live
     * @return the model; close it when done
     * @throws IOException when the weights cannot be read
     * @throws IllegalArgumentException listing missing and unexpected keys, or a shape that does not match
     */
    public static HfCausalLm load(Path dir, HfConfig config, Device device) throws IOException {
        try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
            Map<String, long[]> shapes = HfLayout.shapes(config);
            weights.requireExactly(shapes.keySet(), HfLayout.ignorable(config, weights.names()),
                    "a " + config.modelType() + " model with " + config.layers() + " layers");
            return build(config, device, weights::read);
        }
    }

    /**
     * Writes config.json and the weights in the HF layout, loadable by transformers and vLLM.
     *
     * @param dir target directory (created); tokenizer files are the caller's to copy
     * @param dtype F32 or BF16
     * @param maxShardBytes most bytes per shard ({@code Long.MAX_VALUE} for one file)
     * @throws IOException when writing fails
     */
    public void save(Path dir, DType dtype, long maxShardBytes) throws IOException {
        if (loraConfig().isPresent()) {
            throw new IllegalStateException("LoRA adapters are enabled (" + loraConfig().get() + "); call mergeLora()"
                    + " before save(), so the saved weights include them");
        }
        SafetensorsWriter.writeModel(dir, toTensors(), dtype, maxShardBytes);
        config.write(dir);
    }

    /** The parameters copied to Java memory, by HF key. */
    public Map<String, HostTensor> toTensors() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        params.base().forEach((k, v) -> out.put(k, host(v)));
        return out;
    }

    /**
     * The parameters with the adapters folded in, in Java memory, leaving the model as it is: the weights
     * {@link #mergeLora()} would produce, computed the same way, so a model loaded from them gives the same logits.
     * Without LoRA, {@link #toTensors()}.
     */
    public Map<String, HostTensor> mergedTensors() {
        Map<String, HostTensor> out = toTensors();
        if (loraConfig().isEmpty()) {
            return out;
        }
        double scale = loraConfig().get().scale();
        try (NoGrad ignored = NoGrad.enter()) {
            params.adapters().forEach((prefix, ab) -> {
                String key = prefix + ".weight";
                try (NDArray delta = ab[1].matMul(ab[0]);
                        NDArray scaled = delta.mul((float) scale);
                        NDArray merged = params.get(key).add(scaled)) {
                    out.put(key, host(merged));
                }
            });
        }
        return out;
    }

    /** The LoRA adapters in Java memory, by {@code <projection>.lora_a} / {@code .lora_b}; empty without LoRA. */
    public Map<String, HostTensor> adapterTensors() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        LoraAdapters.named(params.adapters()).forEach((k, v) -> out.put(k, host(v)));
        return out;
    }

    /**
     * Replaces the values of the enabled adapters (a resumed LoRA run); call before creating the trainer.
     *
     * @param tensors every key of {@link #adapterTensors()}, same shapes
     * @throws IllegalArgumentException when a key is missing or unexpected or a shape differs
     */
    public void loadAdapters(Map<String, HostTensor> tensors) {
        LoraConfig lora = loraConfig().orElseThrow(() ->
                new IllegalStateException("LoRA is not enabled; enableLora(config) before loading adapters"));
        Map<String, NDArray[]> adapters = params.adapters();
        if (!tensors.keySet().equals(LoraAdapters.named(adapters).keySet())) {
            throw new IllegalArgumentException("adapter keys " + new java.util.TreeSet<>(tensors.keySet())
                    + " do not match the enabled adapters " + new java.util.TreeSet<>(
                    LoraAdapters.named(adapters).keySet()) + " (" + lora + ")");
        }
        for (Map.Entry<String, NDArray[]> e : adapters.entrySet()) {
            NDArray[] ab = e.getValue();
            for (int i = 0; i < 2; i++) {
                HostTensor t = tensors.get(e.getKey() + (i == 0 ? ".lora_a" : ".lora_b"));
                HfLayout.checkShape(e.getKey() + (i == 0 ? ".lora_a" : ".lora_b"), t.shape(), ab[i].getShape().getShape(),
                        config);
                NDArray loaded = manager.create(t.data(), new Shape(t.shape()));
                loaded.setRequiresGradient(true);
                ab[i].close();
                ab[i] = loaded;
            }
        }
    }

    private static HostTensor host(NDArray a) {
        return new HostTensor(a.getShape().getShape(), a.toFloatArray());
    }

    /** The network shape. */
    public HfConfig config() {
        return config;
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public int contextLength() {
        return config.maxPositionEmbeddings();
    }

    /**
     * Targets map onto HF's projections: q, k, v, o to {@code self_attn.*_proj}, {@code mlp_in} to gate_proj and
     * up_proj, {@code mlp_out} to down_proj.
     */
    @Override
    List<String> projections(int layer, String target) {
        return PROJECTIONS.get(target).stream().map(p -> HfLayout.layer(layer) + p).toList();
    }

    /** Seeded by the projection's key alone (HF models have no seed of their own). */
    @Override
    SplittableRandom adapterRandom(String prefix) {
        return new SplittableRandom(prefix.hashCode() * 0x9E3779B97F4A7C15L);
    }

    @Override
    public double dropoutRate() {
        return 0;
    }

    @Override
    public long seed() {
        return 0;
    }

    // ---------------------------------------------------------------- network

    @Override
    int layers() {
        return config.layers();
    }

    @Override
    int hiddenSize() {
        return config.hiddenSize();
    }

    /** Built on the fly in the open scope (a [ctx, ctx] buffer would be gigabytes at HF context lengths). */
    @Override
    NDArray causalMask(long past, long t) {
        NDManager scope = invFreq.getManager();
        NDArray rows = scope.arange(past, past + t, 1, DataType.INT64).expandDims(1); // [T, 1]
        NDArray cols = scope.arange(0, past + t, 1, DataType.INT64).expandDims(0); // [1, P + T]
        return cols.gt(rows).toType(DataType.FLOAT32, false).mul(CausalLm.MASK_VALUE); // [T, P + T]
    }

    @Override
    NDArray hidden(NDArray tokens, NDArray positions, NDArray mask, KvCache cache, boolean training) {
        NDArray x = Nn.embedding(tokens, params.get(HfLayout.EMBED)); // [B, T, d]
        NDArray[] cosSin = Rope.angles(positions, invFreq);
        for (int layer = 0; layer < config.layers(); layer++) {
            x = block(layer, x, cosSin, mask, cache);
        }
        return Nn.rmsNorm(x, params.get(HfLayout.NORM), (float) config.rmsNormEps());
    }

    @Override
    NDArray logits(NDArray hidden) {
        return Nn.linear(hidden, params.get(config.tieWordEmbeddings() ? HfLayout.EMBED : HfLayout.LM_HEAD), null);
    }

    private NDArray block(int layer, NDArray x, NDArray[] cosSin, NDArray mask, KvCache cache) {
        String p = HfLayout.layer(layer);
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int heads = config.heads();
        int kv = config.kvHeads();
        int dh = config.headDim();
        float eps = (float) config.rmsNormEps();

        NDArray n = Nn.rmsNorm(x, params.get(p + "input_layernorm.weight"), eps);
        NDArray q = Rope.apply(split(linear(n, p + "self_attn.q_proj"), b, t, heads, dh), cosSin); // [B, H, T, Dh]
        NDArray k = Rope.apply(split(linear(n, p + "self_attn.k_proj"), b, t, kv, dh), cosSin); // [B, KV, T, Dh]
        NDArray v = split(linear(n, p + "self_attn.v_proj"), b, t, kv, dh);
        if (cache != null) {
            NDArray[] kvs = cache.append(layer, k, v); // [B, KV, Tcache + T, Dh]: the cache holds KV heads only
            k = kvs[0];
            v = kvs[1];
        }
        k = repeatKv(k, heads / kv); // [B, H, Tk, Dh]
        v = repeatKv(v, heads / kv);
        NDArray att = Nn.scale(q, (float) (1.0 / Math.sqrt(dh))).matMul(k.transpose(0, 1, 3, 2)); // [B, H, T, Tk]
        if (mask != null) {
            att = att.add(mask);
        }
        NDArray y = att.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * dh);
        x = x.add(linear(y, p + "self_attn.o_proj"));

        n = Nn.rmsNorm(x, params.get(p + "post_attention_layernorm.weight"), eps);
        NDArray gated = Nn.silu(linear(n, p + "mlp.gate_proj")).mul(linear(n, p + "mlp.up_proj")); // [B, T, I]
        return x.add(linear(gated, p + "mlp.down_proj"));
    }

    private NDArray linear(NDArray x, String prefix) {
        return params.linear(x, prefix);
    }

    /** [B, T, heads * Dh] to [B, heads, T, Dh]. */
    private static NDArray split(NDArray x, long b, long t, int heads, int dh) {
        return x.reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
    }

    /** HF repeat_kv: [B, KV, T, Dh] to [B, KV * rep, T, Dh], each KV head repeated rep times in a row. */
    private static NDArray repeatKv(NDArray x, int rep) {
        if (rep == 1) {
            return x;
        }
        Shape s = x.getShape();
        return x.expandDims(2).broadcast(s.get(0), s.get(1), rep, s.get(2), s.get(3))
                .reshape(s.get(0), s.get(1) * rep, s.get(2), s.get(3));
    }
}
