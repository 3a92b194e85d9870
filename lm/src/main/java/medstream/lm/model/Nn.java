package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Thin wrappers over libtorch's fused functional ops. Each result is attached to the manager of its first
 * argument, which is why callers always pass an activation (living in the step's scope) first.
 */
final class Nn {

    static final float LAYER_NORM_EPS = 1e-5f;

    private Nn() {}

    /** x [.., in] times w [out, in] transposed plus b [out] (b may be null). */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }

    /** ids [..] int64 looked up in table [n, d] gives [.., d]. */
    static NDArray embedding(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** LayerNorm over the last axis with weight and bias [d]. */
    static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        Shape normalized = new Shape(weight.getShape().get(0));
        return x.getNDArrayInternal().layerNorm(x, normalized, weight, bias, LAYER_NORM_EPS).singletonOrThrow();
    }

    /**
     * x times a constant, the constant made as an array in x's manager (the caller's scope). Not
     * {@code x.mul(Number)}: DJL wraps the number in an array over a Java direct buffer and closes it right
     * after the op, but autograd keeps that array for the backward pass, so once the collector frees the
     * buffer the gradient is scaled by whatever memory replaced it (Infinity or NaN gradient norms from a
     * finite loss, now and then). In the scope the constant lives until the backward pass is done.
     */
    static NDArray scale(NDArray x, float factor) {
        return x.mul(x.getManager().create(factor));
    }

    /** RMSNorm over the last axis as in HF Llama / Qwen2: weight * x / sqrt(mean(x^2) + eps). */
    static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true); // [.., 1]
        return x.div(meanSquare.add(eps).sqrt()).mul(weight);
    }

    /** SiLU (swish): x * sigmoid(x). */
    static NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    /** Dropout while training; identity otherwise. */
    static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
    }
}
