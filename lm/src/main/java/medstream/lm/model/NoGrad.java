package medstream.lm.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns autograd recording off for the current thread until closed, then restores the previous mode.
 * Inference and optimizer updates run inside one: libtorch's grad mode is thread-local and DJL only
 * switches it off on the thread that loaded the engine, so on any other thread a plain forward pass would
 * record a graph (memory) and an in-place parameter update would be refused.
 */
public final class NoGrad implements AutoCloseable {

    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    /** Enters a no-grad section; use in try-with-resources. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
