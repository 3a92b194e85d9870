package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Keys and values of the positions already processed, per layer, each [B, H, Tcache, Dh].
 *
 * <p>With an owner manager (generation) every appended array is moved to the owner, so the per-step
 * scope that computed it can close, and the array it replaces is freed at once; without one (a single
 * scoring pass) arrays simply stay in the caller's scope.
 */
final class KvCache {

    private final NDArray[] keys;
    private final NDArray[] values;
    private final NDManager owner;

    KvCache(int layers, NDManager owner) {
        this(new NDArray[layers], new NDArray[layers], owner);
    }

    private KvCache(NDArray[] keys, NDArray[] values, NDManager owner) {
        this.keys = keys;
        this.values = values;
        this.owner = owner;
    }

    /** Number of cached positions (0 when empty). */
    long length() {
        return keys[0] == null ? 0 : keys[0].getShape().get(2);
    }

    /** Appends k and v [B, H, T, Dh] of one layer and returns the full keys and values. */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        NDArray oldK = keys[layer];
        NDArray oldV = values[layer];
        NDArray newK = oldK == null ? k : oldK.concat(k, 2);
        NDArray newV = oldV == null ? v : oldV.concat(v, 2);
        if (owner != null) {
            newK.attach(owner);
            newV.attach(owner);
            if (oldK != null) {
                oldK.close();
                oldV.close();
            }
        }
        keys[layer] = newK;
        values[layer] = newV;
        return new NDArray[] {newK, newV};
    }

    /**
     * A cache of batch 1 broadcast (a view, no copy) to {@code batch} rows, for scoring many options after
     * one prompt. Appending to the view leaves this cache as it is; the views and everything appended
     * live in {@code scope}.
     */
    KvCache expand(long batch, NDManager scope) {
        NDArray[] k = new NDArray[keys.length];
        NDArray[] v = new NDArray[values.length];
        for (int i = 0; i < keys.length; i++) {
            long[] shape = keys[i].getShape().getShape().clone();
            shape[0] = batch;
            k[i] = keys[i].broadcast(shape);
            v[i] = values[i].broadcast(shape);
            k[i].attach(scope);
            v[i].attach(scope);
        }
        return new KvCache(k, v, null);
    }

    /**
     * A cache whose row {@code r} is row {@code rows[r]} of this one, for scoring several packed rows after
     * the same prompt. Appending to the result leaves this cache as it is; when {@code rows} is 0, 1, 2, ...
     * of every row the arrays are shared, else copied into {@code scope}.
     */
    KvCache select(long[] rows, NDManager scope) {
        NDArray[] k = keys.clone();
        NDArray[] v = values.clone();
        boolean identity = rows.length == keys[0].getShape().get(0);
        for (int r = 0; r < rows.length && identity; r++) {
            identity = rows[r] == r;
        }
        if (!identity) {
            NDArray index = scope.create(rows);
            for (int i = 0; i < keys.length; i++) {
                k[i] = keys[i].get(new NDIndex("{}", index));
                v[i] = values[i].get(new NDIndex("{}", index));
                k[i].attach(scope);
                v[i].attach(scope);
            }
        }
        return new KvCache(k, v, null);
    }
}
