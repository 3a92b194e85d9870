package medstream.lm.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import medstream.lm.Generator;
import medstream.lm.Scorer;

/**
 * What the scorer and generator need from a decoder: the network up to the final norm with an optional
 * {@link KvCache}, the output layer, and causal masks (package-private, so the cache type stays internal), and the
 * public forward passes built on them. It also holds what every decoder does alike with its parameters (the base
 * arrays, LoRA adapters, trainable flags, pass scopes), so a subclass keeps only its layout, initialisation and
 * forward pass. Public only because its subclasses are.
 */
public abstract class DecoderNet implements TrainableLm {

    /** Owns the parameters and every buffer that lives as long as the model. */
    final NDManager manager;
    /** Base parameters in layout order and LoRA adapters; a subclass adds the base in {@code create}/{@code load}. */
    final Parameters params;
    /** Constant arrays (masks, frequencies) that a pass reads, attached to its scope with the parameters. */
    private final List<NDArray> buffers = new ArrayList<>();
    private boolean closed;

    DecoderNet(Device device) {
        manager = Devices.engine().newBaseManager(device);
        params = new Parameters(manager);
    }

    /** Fills a new model: reads or initialises its parameters. */
    interface Filling<M, E extends Exception> {
        void fill(M model) throws E;
    }

    /** The model once filled; closed (freeing what was created) when filling fails. */
    static <M extends DecoderNet, E extends Exception> M filled(M model, Filling<M, E> filling) throws E {
        try {
            filling.fill(model);
            return model;
        } catch (Exception e) {
            model.close();
            throw e;
        }
    }

    /** Registers a constant array in the model's manager, so {@link #openScope()} attaches it to each pass. */
    NDArray buffer(NDArray array) {
        buffers.add(array);
        return array;
    }

    /** The device parameters live on. */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * A new manager under the model's, on its device, for state that lives as long as the model (such as
     * optimizer moments). The caller owns it and closes it.
     */
    @Override
    public NDManager newStateManager() {
        return manager.newSubManager();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    @Override
    public Scorer scorer() {
        return new CausalLmScorer(this, 16);
    }

    /**
     * A scorer that puts at most {@code maxBatch} sequences in one forward pass.
     *
     * @param maxBatch rows per forward pass (memory grows with rows x length x vocabulary)
     * @return the scorer
     */
    public Scorer scorer(int maxBatch) {
        return new CausalLmScorer(this, maxBatch);
    }

    @Override
    public Generator generator() {
        return new CausalLmGenerator(this);
    }

    /**
     * Adds LoRA adapters to every block's chosen projections ({@link #loraPrefixes}) and freezes the base: afterwards
     * only adapter parameters receive gradients. Create the trainer after this call so its optimizer tracks them.
     *
     * @param config rank, alpha and targets
     */
    public void enableLora(LoraConfig config) {
        params.enableLora(config, loraPrefixes(config), this::adapterRandom);
    }

    /**
     * Folds the adapters into the weights ({@code W += alpha / r * B A}), drops them and makes the base trainable
     * again. Outputs are unchanged up to float rounding.
     */
    public void mergeLora() {
        params.mergeLora();
    }

    /** The adapter layout, while LoRA is enabled. */
    public Optional<LoraConfig> loraConfig() {
        return params.lora();
    }

    /** The parameters a trainer updates: the adapters when LoRA is enabled, else every base parameter. */
    @Override
    public Map<String, NDArray> trainableParameters() {
        return params.trainable();
    }

    /** Number of scalars in the base parameters and adapters. */
    @Override
    public long parameterCount() {
        return params.count();
    }

    /**
     * Opens a scope for one forward/backward pass: a sub-manager to which every parameter and buffer is temporarily
     * attached, so every array the pass creates lands in it and is freed when it closes (parameters go back to the
     * model). Close it in try-with-resources.
     *
     * @return the scope
     */
    @Override
    public NDManager openScope() {
        NDManager scope = manager.newSubManager();
        params.attachTo(scope);
        buffers.forEach(b -> b.tempAttach(scope));
        return scope;
    }

    /** The projections (prefixes of their {@code .weight}) that carry an adapter under a config, in file order. */
    final List<String> loraPrefixes(LoraConfig config) {
        List<String> prefixes = new ArrayList<>();
        for (int layer = 0; layer < layers(); layer++) {
            for (String target : config.targets()) {
                prefixes.addAll(projections(layer, target));
            }
        }
        return prefixes;
    }

    /** The prefixes of a layer's projections that a LoRA target (from {@link LoraConfig#ALL_TARGETS}) adapts. */
    abstract List<String> projections(int layer, String target);

    /** The generator of a new adapter's A matrix; each decoder keeps its own seed scheme. */
    abstract SplittableRandom adapterRandom(String prefix);

    /** Number of blocks (one cache slot each). */
    abstract int layers();

    /** Width of the hidden states. */
    abstract int hiddenSize();

    /**
     * The network up to the final norm.
     *
     * @param tokens [B, T] int64
     * @param positions [B, T] or [1, T] int64 absolute positions
     * @param mask additive mask broadcastable to [B, H, T, Tcache + T], or null for none
     * @param cache keys and values of earlier positions (appended to), or null
     * @param training true to apply dropout
     * @return hidden states [B, T, d]
     */
    abstract NDArray hidden(NDArray tokens, NDArray positions, NDArray mask, KvCache cache, boolean training);

    /** Hidden [.., d] to logits [.., V]. */
    abstract NDArray logits(NDArray hidden);

    /** Causal mask [t, past + t] for t queries after {@code past} cached positions: query i sees keys 0..past+i. */
    abstract NDArray causalMask(long past, long t);

    /** Causal mask [t, t]. */
    NDArray causalMask(long t) {
        return causalMask(0, t);
    }

    /**
     * Training forward pass over full sequences: tokens [B, T] int64 (in an open scope) to logits [B, T, V].
     * Position t attends to positions 0..t.
     *
     * @param tokens token ids, created in a scope from {@link #openScope()}
     * @param training true to apply dropout
     * @return logits in the same scope
     */
    @Override
    public NDArray forwardLogits(NDArray tokens, boolean training) {
        long t = tokens.getShape().get(1);
        if (t > contextLength()) {
            throw new IllegalArgumentException("sequence length " + t + " exceeds the model context " + contextLength());
        }
        NDArray positions = tokens.getManager().arange(0, (int) t, 1, DataType.INT64).expandDims(0); // [1, T]
        return logits(hidden(tokens, positions, causalMask(t), null, training));
    }

    /**
     * Logits of one sequence at every position, for checks and debugging.
     *
     * @param tokens token ids, at most the context length
     * @return logits [T][V]
     */
    public float[][] logits(int[] tokens) {
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = openScope()) {
            NDArray x = scope.create(CausalLm.toLongs(tokens), new Shape(1, tokens.length));
            float[] flat = forwardLogits(x, false).toFloatArray();
            int v = vocabSize();
            float[][] out = new float[tokens.length][v];
            for (int i = 0; i < tokens.length; i++) {
                System.arraycopy(flat, i * v, out[i], 0, v);
            }
            return out;
        }
    }
}
