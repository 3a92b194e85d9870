package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embeddings in HF's rotate-half convention: the first and second halves of each head are the two
 * coordinates of each rotated pair, {@code x * cos + rotate_half(x) * sin} with
 * {@code rotate_half([x1, x2]) = [-x2, x1]} and angles {@code position * inv_freq} repeated for both halves.
 */
final class Rope {

    private Rope() {}

    /**
     * The cos and sin tables of some positions.
     *
     * @param positions [B, T] or [1, T] int64
     * @param invFreq [Dh / 2] float32
     * @return {cos, sin}, each [B, 1, T, Dh] (broadcast over heads)
     */
    static NDArray[] angles(NDArray positions, NDArray invFreq) {
        NDArray half = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(invFreq); // [B, T, Dh/2]
        NDArray full = half.concat(half, -1).expandDims(1); // [B, 1, T, Dh]
        return new NDArray[] {full.cos(), full.sin()};
    }

    /** x [B, H, T, Dh] rotated by the angles of {@link #angles}. */
    static NDArray apply(NDArray x, NDArray[] cosSin) {
        long dh = x.getShape().get(3);
        NDList halves = x.split(new long[] {dh / 2}, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3); // [-x2, x1]
        return x.mul(cosSin[0]).add(rotated.mul(cosSin[1]));
    }
}
