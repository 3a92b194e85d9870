package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A decoder's parameters, owned by {@link DecoderNet}: the base arrays by name and, while LoRA is enabled, the
 * adapters {A [r, in], B [out, r]} by the prefix of the projection they adapt. Both maps keep insertion order, which
 * is the order of {@link #all()} and so of every parameter file: callers add in a fixed layout order.
 */
final class Parameters {

    private final NDManager manager;
    private final Map<String, NDArray> base = new LinkedHashMap<>();
    /** By projection prefix (e.g. {@code h.0.attn.q} or {@code model.layers.0.self_attn.q_proj}). */
    private final Map<String, NDArray[]> adapters = new LinkedHashMap<>();
    private LoraConfig lora;

    /** @param manager where new adapters are created: the model's */
    Parameters(NDManager manager) {
        this.manager = manager;
    }

    /** Appends a base parameter; the order of calls is the order of the files. */
    void add(String name, NDArray array) {
        base.put(name, array);
    }

    /** The base parameter of that name, or null. */
    NDArray get(String name) {
        return base.get(name);
    }

    /** The base parameters, read-only, in order. */
    Map<String, NDArray> base() {
        return Collections.unmodifiableMap(base);
    }

    /** The live adapters by prefix, for a decoder that reads or replaces their values. */
    Map<String, NDArray[]> adapters() {
        return adapters;
    }

    Optional<LoraConfig> lora() {
        return Optional.ofNullable(lora);
    }

    /** {@code <prefix>.weight} (and {@code .bias} when present) applied to x, plus the LoRA update if adapted. */
    NDArray linear(NDArray x, String prefix) {
        NDArray y = Nn.linear(x, base.get(prefix + ".weight"), base.get(prefix + ".bias"));
        NDArray[] adapter = adapters.get(prefix);
        return adapter == null ? y : LoraAdapters.apply(y, x, adapter, lora.scale());
    }

    /** Base then adapters, by name, read-only. */
    Map<String, NDArray> all() {
        Map<String, NDArray> all = new LinkedHashMap<>(base);
        all.putAll(LoraAdapters.named(adapters));
        return Collections.unmodifiableMap(all);
    }

    /** The adapters while LoRA is enabled, else every base parameter. */
    Map<String, NDArray> trainable() {
        return Collections.unmodifiableMap(lora == null ? base : LoraAdapters.named(adapters));
    }

    /** Scalars in {@link #all()}. */
    long count() {
        return all().values().stream().mapToLong(NDArray::size).sum();
    }

    /** Attaches every parameter to a pass's scope until it closes. */
    void attachTo(NDManager scope) {
        all().values().forEach(p -> p.tempAttach(scope));
    }

    /**
     * Adds a fresh adapter to each {@code <prefix>.weight} and freezes the base.
     *
     * @param config the adapter layout
     * @param prefixes the adapted projections, in file order
     * @param random the generator of each prefix's A (the decoder's seed scheme)
     */
    void enableLora(LoraConfig config, List<String> prefixes, Function<String, SplittableRandom> random) {
        if (lora != null) {
            throw new IllegalStateException("LoRA is already enabled (" + lora + "); merge it first with mergeLora()");
        }
        lora = config;
        for (String prefix : prefixes) {
            adapters.put(prefix, LoraAdapters.fresh(manager, base.get(prefix + ".weight").getShape(), config.rank(),
                    random.apply(prefix)));
        }
        setTrainableFlags();
    }

    /**
     * Installs adapters read back from a file (the caller sets the flags once everything is read).
     *
     * @param config the layout they were written with
     * @param prefixes the adapted projections, in file order
     * @param read each prefix's {A, B}
     */
    void restoreLora(LoraConfig config, List<String> prefixes, Function<String, NDArray[]> read) {
        lora = config;
        for (String prefix : prefixes) {
            adapters.put(prefix, read.apply(prefix));
        }
    }

    /** Folds the adapters into the base ({@code W += alpha / r * B A}), drops them, makes the base trainable. */
    void mergeLora() {
        LoraAdapters.mergeAll(adapters, base, lora);
        lora = null;
        setTrainableFlags();
    }

    /** Base trainable without LoRA; only adapters trainable with it; every array named by its key. */
    void setTrainableFlags() {
        for (NDArray p : base.values()) {
            p.setRequiresGradient(lora == null);
        }
        for (NDArray[] ab : adapters.values()) {
            ab[0].setRequiresGradient(true);
            ab[1].setRequiresGradient(true);
        }
        // safetensors takes each array's name as its key
        all().forEach((name, array) -> array.setName(name));
    }
}
