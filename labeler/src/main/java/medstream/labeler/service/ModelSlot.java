package medstream.labeler.service;

import java.util.concurrent.atomic.AtomicReference;
import medstream.labeler.model.LabelingModel;

/**
 * One worker's model, swapped between batches. The follower thread {@link #offer offers} a newly loaded
 * model; the worker takes it at its next {@link #forNextBatch dispatch}, when no batch is in the model, and
 * closes the old one then. A batch in flight therefore always finishes on the model it started with.
 */
final class ModelSlot implements AutoCloseable {
    private final AtomicReference<LabelingModel> pending = new AtomicReference<>();
    /** Touched only by the worker's poll thread. */
    private LabelingModel current;
    private volatile String currentVersion;

    /** Offers a model for the next batch; a model offered earlier and not yet taken is closed. */
    void offer(LabelingModel model) {
        LabelingModel replaced = pending.getAndSet(model);
        if (replaced != null) replaced.close();
    }

    /** True once a model is loaded or offered. */
    boolean hasModel() {
        return current != null || pending.get() != null;
    }

    /**
     * The model for the batch about to start; swaps in an offered model first (worker thread only, with no
     * batch in flight).
     *
     * @return the model, or null when none was ever offered
     */
    LabelingModel forNextBatch() {
        LabelingModel next = pending.getAndSet(null);
        if (next != null) {
            if (current != null) current.close();
            current = next;
            currentVersion = next.version();
        }
        return current;
    }

    /** Version of the newest model, offered or in use, or null. */
    String latestVersion() {
        LabelingModel p = pending.get();
        return p != null ? p.version() : currentVersion;
    }

    /** Version of the model batches run on now, or null. */
    String currentVersion() {
        return currentVersion;
    }

    @Override
    public void close() {
        LabelingModel p = pending.getAndSet(null);
        if (p != null) p.close();
        if (current != null) current.close();
        current = null;
    }
}
