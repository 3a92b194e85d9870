package medstream.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import medstream.lm.LanguageModel;

/**
 * A language model that {@link medstream.lm.train.LmTrainer} can train: our GPT ({@link CausalLm}) and the
 * Qwen2 / Llama decoder ({@link HfCausalLm}). Parameters are NDArrays with gradients enabled; a pass runs in a
 * scope from {@link #openScope()}.
 */
public interface TrainableLm extends LanguageModel {

    /** The parameters a trainer updates, by name; owned by the model. */
    Map<String, NDArray> trainableParameters();

    /** A sub-manager for one forward/backward pass; every parameter is temporarily attached to it. */
    NDManager openScope();

    /** A manager for state that lives as long as the model (optimizer moments); the caller closes it. */
    NDManager newStateManager();

    /** Tokens [B, T] int64 to logits [B, T, V], causal; in a scope from {@link #openScope()}. */
    NDArray forwardLogits(NDArray tokens, boolean training);

    /** Dropout rate while training (0 for none). */
    double dropoutRate();

    /** Seed of dropout masks (with the step). */
    long seed();

    /** Number of scalars in the parameters. */
    long parameterCount();
}
