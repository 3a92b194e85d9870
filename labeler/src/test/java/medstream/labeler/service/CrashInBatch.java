package medstream.labeler.service;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kills its service inside the transaction of one batch: the batch's results are sent and flushed, its offsets and
 * commit never happen, as when a process dies at that instant. For the crash-and-restart tests.
 */
final class CrashInBatch implements BatchListener {
    private final long batch;
    private final AtomicReference<LabelerService> service = new AtomicReference<>();
    private final AtomicBoolean crashed = new AtomicBoolean();

    /** @param batch the worker's batch number to die in, from 1 */
    CrashInBatch(long batch) {
        this.batch = batch;
    }

    /** The service to crash; returns it. */
    LabelerService attach(LabelerService s) {
        service.set(s);
        return s;
    }

    /** Whether the crash happened. */
    boolean crashed() {
        return crashed.get();
    }

    @Override
    public void beforeCommit(int worker, long number, int records, String modelVersion) {
        if (number == batch) {
            crashed.set(true);
            service.get().signalCrash();
        }
    }
}
