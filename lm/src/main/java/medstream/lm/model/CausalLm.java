package medstream.lm.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import medstream.lm.checkpoint.Checkpoint;

/**
 * A decoder-only transformer in the shape of GPT-2 / nanoGPT: token and learned position embeddings,
 * pre-norm blocks of causal multi-head self-attention and a GELU MLP, a final LayerNorm and an output
 * layer tied to the token embedding. Parameters are plain NDArrays owned by this object's NDManager;
 * everything a forward pass creates lives in a short-lived scope from {@link #openScope()}.
 *
 * <p>Not thread-safe: one thread at a time may train, score or generate with a model.
 */
public final class CausalLm extends DecoderNet {

    /** Added to attention scores of masked keys; finite so that a fully masked row cannot produce NaN. */
    static final float MASK_VALUE = -1e9f;

    private static final String[] PROJECTIONS = {"q", "k", "v", "o", "mlp_in", "mlp_out"};

    private final ModelConfig config;
    /** [context, context] additive causal mask: 0 on and below the diagonal, MASK_VALUE above. */
    private final NDArray causalMask;

    private CausalLm(ModelConfig config, Device device) {
        super(device);
        this.config = config;
        int ctx = config.context();
        float[] mask = new float[ctx * ctx];
        for (int i = 0; i < ctx; i++) {
            for (int j = i + 1; j < ctx; j++) {
                mask[i * ctx + j] = MASK_VALUE;
            }
        }
        causalMask = buffer(manager.create(mask, new Shape(ctx, ctx)));
    }

    /** A freshly initialised model on the preferred device (GPU when PyTorch sees one). */
    public static CausalLm create(ModelConfig config) {
        return create(config, Devices.preferred());
    }

    /**
     * A freshly initialised model with GPT-2 initialisation: normal(0, 0.02) weights and embeddings, zero
     * biases, residual output projections scaled by 1/sqrt(2 * layers). Deterministic for a config seed.
     *
     * @param config the network shape
     * @param device where parameters live
     * @return the model; close it when done
     */
    public static CausalLm create(ModelConfig config, Device device) {
        return filled(new CausalLm(config, device), CausalLm::initialise);
    }

    /**
     * Loads the model of a checkpoint directory (verifying its manifest) onto the preferred device.
     *
     * @param checkpointDir a directory written by {@link Checkpoint}
     * @return the model; close it when done
     * @throws medstream.lm.checkpoint.CorruptCheckpointException if the directory is incomplete or damaged
     */
    public static CausalLm load(Path checkpointDir) {
        return Checkpoint.open(checkpointDir).loadModel(Devices.preferred());
    }

    /**
     * Rebuilds a model from a parameter file written by {@link #saveParameters(Path)}.
     *
     * @param config the network shape the file was written with
     * @param lora the adapter layout the file was written with, or null for none
     * @param file a safetensors file
     * @param device where parameters live
     * @return the model; close it when done
     * @throws IOException if the file cannot be read
     */
    public static CausalLm loadParameters(ModelConfig config, LoraConfig lora, Path file, Device device)
            throws IOException {
        return filled(new CausalLm(config, device), model -> model.read(lora, file));
    }

    private void read(LoraConfig lora, Path file) throws IOException {
        Map<String, NDArray> byName = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            for (NDArray a : NDList.decode(manager, in)) {
                byName.put(a.getName(), a);
            }
        }
        for (Map.Entry<String, Shape> e : layout().entrySet()) {
            params.add(e.getKey(), take(byName, e.getKey(), e.getValue(), file));
        }
        if (lora != null) {
            params.restoreLora(lora, loraPrefixes(lora), prefix -> {
                Shape[] ab = LoraAdapters.shapes(params.get(prefix + ".weight").getShape(), lora.rank());
                return new NDArray[] {take(byName, prefix + ".lora_a", ab[0], file),
                        take(byName, prefix + ".lora_b", ab[1], file)};
            });
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("parameter file " + file + " holds unexpected arrays "
                    + byName.keySet() + "; it was written by another model layout");
        }
        params.setTrainableFlags();
    }

    /**
     * Writes every parameter (base and adapters) as one safetensors file, readable by Python's
     * {@code safetensors} too.
     *
     * @param file target file (overwritten)
     * @throws IOException if writing fails
     */
    public void saveParameters(Path file) throws IOException {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : parameters().entrySet()) {
            e.getValue().setName(e.getKey());
            list.add(e.getValue());
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
    }

    /** The network shape. */
    public ModelConfig config() {
        return config;
    }

    @Override
    int layers() {
        return config.layers();
    }

    @Override
    int hiddenSize() {
        return config.dModel();
    }

    @Override
    public double dropoutRate() {
        return config.dropout();
    }

    @Override
    public long seed() {
        return config.seed();
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public int contextLength() {
        return config.context();
    }

    /**
     * All parameters, base then adapters, by name. The arrays belong to the model: read them, do not
     * close them.
     */
    public Map<String, NDArray> parameters() {
        return params.all();
    }

    // ---------------------------------------------------------------- network

    /** Sliced from the precomputed buffer. */
    @Override
    NDArray causalMask(long past, long t) {
        return causalMask.get(new NDIndex("{}:{}, 0:{}", past, past + t, past + t));
    }

    /** The transformer up to the final LayerNorm. */
    @Override
    NDArray hidden(NDArray tokens, NDArray positions, NDArray mask, KvCache cache, boolean training) {
        float p = (float) config.dropout();
        NDArray x = Nn.embedding(tokens, params.get("wte")).add(Nn.embedding(positions, params.get("wpe")));
        x = Nn.dropout(x, p, training); // [B, T, d]
        for (int layer = 0; layer < config.layers(); layer++) {
            x = block(layer, x, mask, cache, training);
        }
        return Nn.layerNorm(x, params.get("lnf.weight"), params.get("lnf.bias"));
    }

    /** Output layer tied to the token embedding. */
    @Override
    NDArray logits(NDArray hidden) {
        return Nn.linear(hidden, params.get("wte"), null);
    }

    private NDArray block(int layer, NDArray x, NDArray mask, KvCache cache, boolean training) {
        String h = "h." + layer;
        float p = (float) config.dropout();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int heads = config.heads();
        int dh = config.headDim();

        NDArray n = Nn.layerNorm(x, params.get(h + ".ln1.weight"), params.get(h + ".ln1.bias"));
        // q, k, v: [B, T, d] -> [B, H, T, Dh]; q carries the 1/sqrt(Dh) scale (cheaper than scaling scores)
        NDArray q = Nn.scale(project(n, layer, "q"), (float) (1.0 / Math.sqrt(dh)))
                .reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray k = project(n, layer, "k").reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray v = project(n, layer, "v").reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v); // [B, H, Tcache + T, Dh]
            k = kv[0];
            v = kv[1];
        }
        NDArray att = q.matMul(k.transpose(0, 1, 3, 2)); // [B, H, T, Tk]
        if (mask != null) {
            att = att.add(mask);
        }
        att = Nn.dropout(att.softmax(-1), p, training);
        NDArray y = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, config.dModel()); // [B, T, d]
        x = x.add(Nn.dropout(project(y, layer, "o"), p, training));

        n = Nn.layerNorm(x, params.get(h + ".ln2.weight"), params.get(h + ".ln2.bias"));
        NDArray m = project(n, layer, "mlp_in").getNDArrayInternal().gelu(); // [B, T, 4d]
        return x.add(Nn.dropout(project(m, layer, "mlp_out"), p, training));
    }

    /** A linear projection of a block plus its LoRA update when it has an adapter. */
    private NDArray project(NDArray x, int layer, String target) {
        return params.linear(x, prefix(layer, target));
    }

    // ---------------------------------------------------------------- parameters

    /** Each target names one projection. */
    @Override
    List<String> projections(int layer, String target) {
        return List.of(prefix(layer, target));
    }

    /** Seeded by the config and the adapter's A name, as base parameters are by theirs. */
    @Override
    SplittableRandom adapterRandom(String prefix) {
        return rng(prefix + ".lora_a");
    }

    private static String prefix(int layer, String target) {
        return "h." + layer + switch (target) {
            case "q" -> ".attn.q";
            case "k" -> ".attn.k";
            case "v" -> ".attn.v";
            case "o" -> ".attn.o";
            case "mlp_in" -> ".mlp.in";
            case "mlp_out" -> ".mlp.out";
            default -> throw new IllegalArgumentException("unknown projection " + target);
        };
    }

    /** Weight shape [out, in] of a projection. */
    private Shape weightShape(String target) {
        long d = config.dModel();
        return switch (target) {
            case "mlp_in" -> new Shape(4 * d, d);
            case "mlp_out" -> new Shape(d, 4 * d);
            default -> new Shape(d, d);
        };
    }

    /** Every base parameter name with its shape, in file order. */
    private Map<String, Shape> layout() {
        long d = config.dModel();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("wte", new Shape(config.vocabSize(), d));
        shapes.put("wpe", new Shape(config.context(), d));
        for (int layer = 0; layer < config.layers(); layer++) {
            String h = "h." + layer;
            shapes.put(h + ".ln1.weight", new Shape(d));
            shapes.put(h + ".ln1.bias", new Shape(d));
            for (String target : PROJECTIONS) {
                if ("mlp_in".equals(target)) {
                    shapes.put(h + ".ln2.weight", new Shape(d));
                    shapes.put(h + ".ln2.bias", new Shape(d));
                }
                Shape w = weightShape(target);
                shapes.put(prefix(layer, target) + ".weight", w);
                shapes.put(prefix(layer, target) + ".bias", new Shape(w.get(0)));
            }
        }
        shapes.put("lnf.weight", new Shape(d));
        shapes.put("lnf.bias", new Shape(d));
        return shapes;
    }

    private void initialise() {
        double std = 0.02;
        double residualStd = std / Math.sqrt(2.0 * config.layers());
        for (Map.Entry<String, Shape> e : layout().entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue();
            NDArray array;
            if (name.endsWith(".bias")) {
                array = manager.zeros(shape);
            } else if (name.startsWith("lnf.") || name.contains(".ln")) {
                array = manager.ones(shape);
            } else {
                boolean residual = name.endsWith(".attn.o.weight") || name.endsWith(".mlp.out.weight");
                array = normal(name, shape, residual ? residualStd : std);
            }
            params.add(name, array);
        }
        params.setTrainableFlags();
    }

    private NDArray normal(String name, Shape shape, double std) {
        SplittableRandom rng = rng(name);
        float[] data = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rng.nextGaussian() * std);
        }
        return manager.create(data, shape);
    }

    /** One generator per parameter name, so initial values do not depend on creation order. */
    private SplittableRandom rng(String name) {
        return new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + name.hashCode());
    }

    private NDArray take(Map<String, NDArray> byName, String name, Shape shape, Path file) {
        NDArray a = byName.remove(name);
        if (a == null) {
            throw new IllegalArgumentException("parameter file " + file + " lacks '" + name
                    + "'; it does not match the config (" + config + ")");
        }
        if (!a.getShape().equals(shape)) {
            throw new IllegalArgumentException("parameter '" + name + "' in " + file + " has shape " + a.getShape()
                    + " but the config (" + config + ") needs " + shape);
        }
        return a;
    }

    static long[] toLongs(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}
