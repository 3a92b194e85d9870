package medstream.labeler.service;

/**
 * Observes a worker's transactions. {@link #beforeCommit} runs on the worker's poll thread after a batch's
 * results are sent (and flushed) and before its offsets and the transaction are committed: the window in
 * which a crash leaves an open transaction. Metrics and the crash tests hook in here.
 */
@FunctionalInterface
public interface BatchListener {
    /** Does nothing. */
    BatchListener NONE = (worker, batch, records, modelVersion) -> { };

    /**
     * @param worker       worker index
     * @param batch        batch number of this worker, from 1
     * @param records      input records in the batch
     * @param modelVersion version of the model that labeled it
     */
    void beforeCommit(int worker, long batch, int records, String modelVersion);
}
