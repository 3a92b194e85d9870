package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The LoRA arithmetic both decoders share; each adapter is {A [r, in], B [out, r]}. */
final class LoraAdapters {

    private LoraAdapters() {}

    /** The shapes {A [r, in], B [out, r]} of the adapter of a weight [out, in]. */
    static Shape[] shapes(Shape weight, int rank) {
        return new Shape[] {new Shape(rank, weight.get(1)), new Shape(weight.get(0), rank)};
    }

    /** Kaiming-uniform A as in PEFT (bound 1/sqrt(fan_in)) and zero B, so a fresh adapter changes nothing. */
    static NDArray[] fresh(NDManager manager, Shape weight, int rank, SplittableRandom rng) {
        Shape[] ab = shapes(weight, rank);
        double bound = 1.0 / Math.sqrt(ab[0].get(1));
        float[] a = new float[Math.toIntExact(ab[0].size())];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return new NDArray[] {manager.create(a, ab[0]), manager.zeros(ab[1])};
    }

    /** y + scale * B A x for x [.., in] and y [.., out]. */
    static NDArray apply(NDArray y, NDArray x, NDArray[] adapter, double scale) {
        NDArray update = Nn.linear(Nn.linear(x, adapter[0], null), adapter[1], null); // [.., r] -> [.., out]
        return y.add(Nn.scale(update, (float) scale)); // not mul(Number): see Nn.scale
    }

    /** W += scale * B A (no gradient), then frees A and B. */
    static void mergeInto(NDArray weight, NDArray[] adapter, double scale) {
        try (NoGrad ignored = NoGrad.enter();
                NDArray delta = adapter[1].matMul(adapter[0]);
                NDArray scaled = delta.mul((float) scale)) {
            weight.addi(scaled);
        }
        adapter[0].close();
        adapter[1].close();
    }

    /** Folds every adapter into its {@code <prefix>.weight} and empties the map; fails when LoRA is not enabled. */
    static void mergeAll(Map<String, NDArray[]> adapters, Map<String, NDArray> params, LoraConfig lora) {
        if (lora == null) {
            throw new IllegalStateException("LoRA is not enabled; nothing to merge");
        }
        adapters.forEach((prefix, ab) -> mergeInto(params.get(prefix + ".weight"), ab, lora.scale()));
        adapters.clear();
    }

    /** Adapters by parameter name: {@code <prefix>.lora_a}, {@code <prefix>.lora_b}. */
    static Map<String, NDArray> named(Map<String, NDArray[]> adapters) {
        Map<String, NDArray> all = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray[]> e : adapters.entrySet()) {
            all.put(e.getKey() + ".lora_a", e.getValue()[0]);
            all.put(e.getKey() + ".lora_b", e.getValue()[1]);
        }
        return all;
    }
}
