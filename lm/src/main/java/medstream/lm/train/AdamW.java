package medstream.lm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay, as torch.optim.AdamW) over named NDArrays. Its whole state is the two
 * moment arrays per parameter and the step count, so a checkpoint can hold it and a resumed run continues
 * bit-for-bit.
 */
public final class AdamW implements AutoCloseable {

    private final OptimizerConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long step;

    /**
     * Creates zero moments for each parameter.
     *
     * @param params parameters to update, by name (e.g. {@code CausalLm.trainableParameters()})
     * @param config betas, eps, weight decay
     * @param manager manager on the parameters' device for the moments; the optimizer owns and closes it
     */
    public AdamW(Map<String, NDArray> params, OptimizerConfig config, NDManager manager) {
        this.config = config;
        this.params = new LinkedHashMap<>(params);
        this.manager = manager;
        for (Map.Entry<String, NDArray> e : this.params.entrySet()) {
            firstMoments.put(e.getKey(), named(manager.zeros(e.getValue().getShape()), "m." + e.getKey()));
            secondMoments.put(e.getKey(), named(manager.zeros(e.getValue().getShape()), "v." + e.getKey()));
        }
    }

    /** The settings. */
    public OptimizerConfig config() {
        return config;
    }

    /** Number of updates applied so far (drives bias correction). */
    public long step() {
        return step;
    }

    /** Names of the parameters this optimizer updates. */
    public java.util.Set<String> parameterNames() {
        return Collections.unmodifiableSet(params.keySet());
    }

    /** True when the named parameter gets weight decay: matrices only, embeddings by configuration. */
    public boolean decays(String name) {
        NDArray p = params.get(name);
        if (p == null || p.getShape().dimension() < 2) {
            return false; // biases and LayerNorm gains
        }
        boolean embedding = "wte".equals(name) || "wpe".equals(name) || name.endsWith("embed_tokens.weight");
        return !embedding || config.decayEmbeddings();
    }

    /** Attaches the moments to a scope for one step, so temporaries land there (see CausalLm.openScope). */
    public void attachTo(NDManager scope) {
        firstMoments.values().forEach(a -> a.tempAttach(scope));
        secondMoments.values().forEach(a -> a.tempAttach(scope));
    }

    /**
     * Applies one update. Call with autograd off and the moments attached to the step's scope.
     *
     * @param grads gradient of each parameter, by name
     * @param lr learning rate of this step
     * @param gradScale factor applied to every gradient first (global-norm clipping); 1 for none
     */
    public void update(Map<String, NDArray> grads, double lr, double gradScale) {
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double correction1 = 1 - Math.pow(b1, step);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(b2, step));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = grads.get(name);
            if (gradScale != 1.0) {
                g = g.mul((float) gradScale);
            }
            if (config.weightDecay() > 0 && decays(name)) {
                p.muli((float) (1 - lr * config.weightDecay()));
            }
            NDArray m = firstMoments.get(name);
            NDArray v = secondMoments.get(name);
            m.muli((float) b1).addi(g.mul((float) (1 - b1))); // m = b1 m + (1 - b1) g
            v.muli((float) b2).addi(g.square().muli((float) (1 - b2))); // v = b2 v + (1 - b2) g^2
            // p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps), torch's formulation
            NDArray denominator = v.sqrt().divi((float) sqrtCorrection2).addi((float) config.eps());
            p.subi(m.div(denominator).muli((float) (lr / correction1)));
        }
    }

    /**
     * Writes both moments of every parameter as one safetensors file ({@code m.<name>}, {@code v.<name>}).
     * The step count is written by the caller (it is part of the checkpoint's JSON state).
     *
     * @param file target file
     * @throws IOException if writing fails
     */
    public void saveMoments(Path file) throws IOException {
        NDList list = new NDList();
        for (String name : params.keySet()) {
            list.add(firstMoments.get(name));
            list.add(secondMoments.get(name));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
    }

    /**
     * Restores moments written by {@link #saveMoments(Path)} and the step count.
     *
     * @param file the moments file
     * @param restoredStep number of updates the saved optimizer had applied
     * @throws IOException if reading fails
     */
    public void loadMoments(Path file, long restoredStep) throws IOException {
        Map<String, NDArray> byName = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
                NDManager loading = manager.newSubManager()) {
            for (NDArray a : NDList.decode(loading, in)) {
                byName.put(a.getName(), a);
            }
            for (String name : params.keySet()) {
                copyInto(byName, "m." + name, firstMoments.get(name), file);
                copyInto(byName, "v." + name, secondMoments.get(name), file);
            }
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("optimizer file " + file + " holds moments for parameters this model"
                    + " does not train: " + byName.keySet() + "; was LoRA enabled the same way when it was saved?");
        }
        step = restoredStep;
    }

    @Override
    public void close() {
        manager.close();
    }

    private static void copyInto(Map<String, NDArray> byName, String key, NDArray target, Path file) {
        NDArray source = byName.remove(key);
        if (source == null) {
            throw new IllegalArgumentException("optimizer file " + file + " lacks '" + key
                    + "'; the model trains parameters the saved optimizer did not");
        }
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("'" + key + "' in " + file + " has shape " + source.getShape()
                    + ", expected " + target.getShape());
        }
        source.copyTo(target);
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }
}
