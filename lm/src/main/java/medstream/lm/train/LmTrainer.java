package medstream.lm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import medstream.lm.model.Devices;
import medstream.lm.model.NoGrad;
import medstream.lm.model.TrainableLm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link TrainableLm} (our GPT or a Qwen2 / Llama decoder) with a custom loop: weighted masked cross-entropy, backward, global-norm
 * clipping and an {@link AdamW} update, the rate read from an {@link LrSchedule} at the current step.
 * Deterministic on CPU for a given model seed: dropout masks are seeded from (seed, step), so a resumed run
 * draws the same masks. Not thread-safe.
 */
public final class LmTrainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LmTrainer.class);
    /** Held for each optimizer step: the engine's gradient collector is one per process (see {@link #step}). */
    private static final ReentrantLock AUTOGRAD = new ReentrantLock();

    private final TrainableLm model;
    private final AdamW optimizer;
    private final Engine engine = Devices.engine();
    private LrSchedule schedule;
    private long step;

    /**
     * Creates a trainer over the model's trainable parameters (the adapters when LoRA is enabled, so
     * enable LoRA before creating the trainer).
     *
     * @param model model to train; the trainer does not close it
     * @param optimizerConfig AdamW settings
     * @param schedule learning rate per step
     */
    public LmTrainer(TrainableLm model, OptimizerConfig optimizerConfig, LrSchedule schedule) {
        this.model = model;
        this.schedule = schedule;
        this.optimizer = new AdamW(model.trainableParameters(), optimizerConfig, model.newStateManager());
    }

    /** The model being trained. */
    public TrainableLm model() {
        return model;
    }

    /** The optimizer and its state. */
    public AdamW optimizer() {
        return optimizer;
    }

    /** The schedule in use. */
    public LrSchedule schedule() {
        return schedule;
    }

    /** Switches schedule (e.g. at a new training stage); it is read at the current step. */
    public void setSchedule(LrSchedule newSchedule) {
        this.schedule = newSchedule;
    }

    /** Number of optimizer steps applied. */
    public long completedSteps() {
        return step;
    }

    /**
     * Sets the step counter and optimizer state of a resumed run; used by the checkpoint loader.
     *
     * @param restoredStep steps the saved run had completed
     */
    public void restoreStep(long restoredStep) {
        this.step = restoredStep;
    }

    /**
     * One optimizer step over one or more micro-batches whose gradients are accumulated; the loss is the
     * weighted masked mean over all of them together, as if they were one batch.
     *
     * @param microBatches the data of this step
     * @return loss, gradient norm, rate and timing
     */
    public StepResult step(TrainBatch... microBatches) {
        long start = System.nanoTime();
        double totalWeight = 0;
        long tokens = 0;
        long lossTokens = 0;
        for (TrainBatch batch : microBatches) {
            checkTokens(batch);
            totalWeight += batch.totalWeight();
            tokens += (long) batch.rows() * batch.length();
            lossTokens += batch.lossTokens();
        }
        if (!(totalWeight > 0)) {
            throw new IllegalArgumentException("the batch has no target with a positive loss mask and sample weight;"
                    + " there is nothing to learn from it");
        }
        if (model.dropoutRate() > 0) {
            engine.setRandomSeed((int) (model.seed() * 1_000_003L + step));
        }
        double lr = schedule.lr(step);
        double loss = 0;
        double gradNorm;
        boolean skipped;
        Map<String, NDArray> params = model.trainableParameters();
        // One step at a time per process: DJL's PyTorch engine allows one collecting GradientCollector per JVM, so two
        // trainers (stages of one `serve trainer` or `up`) stepping at once failed with "A PtGradientCollector is
        // already collecting". On shared cores, serialising steps costs little: they would compete for the cores anyway.
        AUTOGRAD.lock();
        try {
            try (NDManager scope = model.openScope()) {
                optimizer.attachTo(scope);
                zeroGradients(params);
                for (TrainBatch batch : microBatches) {
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        // the divisor as an array in the scope, not div(Number): autograd keeps it for backward (Nn.scale)
                        NDArray part = weightedLossSum(scope, batch, true).div(scope.create((float) totalWeight));
                        collector.backward(part);
                        loss += part.getFloat();
                    }
                }
                try (NoGrad ignored = NoGrad.enter()) {
                    Map<String, NDArray> grads = new LinkedHashMap<>();
                    NDArray squares = null;
                    for (Map.Entry<String, NDArray> e : params.entrySet()) {
                        NDArray g = e.getValue().getGradient();
                        grads.put(e.getKey(), g);
                        NDArray s = g.square().sum();
                        squares = squares == null ? s : squares.add(s);
                    }
                    gradNorm = Math.sqrt(squares.getFloat());
                    skipped = !Double.isFinite(gradNorm) || !Double.isFinite(loss);
                    if (skipped) {
                        LOG.warn("step {}: gradient norm {} / loss {} is not finite; update skipped (lower the learning"
                                + " rate or check the batch)", step, gradNorm, loss);
                    } else {
                        optimizer.update(grads, lr, clipScale(gradNorm, optimizer.config().gradClip()));
                    }
                }
            }
        } finally {
            AUTOGRAD.unlock();
        }
        if (!skipped) {
            step++;
        }
        return new StepResult(step, loss, gradNorm, lr, tokens, lossTokens, skipped,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Weighted masked mean cross-entropy of a batch without updating anything (validation loss).
     *
     * @param batch the data
     * @return the loss
     */
    public double evaluate(TrainBatch batch) {
        checkTokens(batch);
        double totalWeight = batch.totalWeight();
        if (!(totalWeight > 0)) {
            throw new IllegalArgumentException("the batch has no target with a positive loss mask and sample weight");
        }
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.openScope()) {
            return weightedLossSum(scope, batch, false).getFloat() / totalWeight;
        }
    }

    @Override
    public void close() {
        optimizer.close();
    }

    /** Factor that brings a gradient of norm {@code norm} down to {@code clip} (1 when below it or disabled). */
    static double clipScale(double norm, double clip) {
        return clip > 0 && norm > clip ? clip / (norm + 1e-6) : 1.0;
    }

    /** Sum over targets of cross-entropy x mask x sample weight, as a scalar NDArray in the scope. */
    private NDArray weightedLossSum(NDManager scope, TrainBatch batch, boolean training) {
        int b = batch.rows();
        int t = batch.length();
        long[] inputs = new long[b * t];
        long[] targets = new long[b * t];
        float[] weights = new float[b * t];
        for (int r = 0; r < b; r++) {
            int[] row = batch.tokens()[r];
            float w = batch.weights()[r];
            for (int i = 0; i < t; i++) {
                inputs[r * t + i] = row[i];
                targets[r * t + i] = row[i + 1];
                weights[r * t + i] = batch.lossMask()[r][i] * w;
            }
        }
        NDArray x = scope.create(inputs, new Shape(b, t));
        NDArray y = scope.create(targets, new Shape(b, t, 1));
        NDArray w = scope.create(weights, new Shape(b, t, 1));
        NDArray logProbs = model.forwardLogits(x, training).logSoftmax(-1).gather(y, -1); // [B, T, 1]
        return logProbs.mul(w).sum().neg();
    }

    private void checkTokens(TrainBatch batch) {
        int vocab = model.vocabSize();
        if (batch.length() > model.contextLength()) {
            throw new IllegalArgumentException("batch rows have " + batch.length() + " inputs, more than the model"
                    + " context " + model.contextLength() + "; cut sequences to context + 1 tokens");
        }
        for (int[] row : batch.tokens()) {
            for (int id : row) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab
                            + "); was the batch encoded with another tokenizer?");
                }
            }
        }
    }

    /** PyTorch accumulates into .grad; clear it before each step. */
    private static void zeroGradients(Map<String, NDArray> params) {
        for (NDArray p : params.values()) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }
}
