package medstream.labeler.model;

/** How {@link LabelingModel#scoreOptions} computes the options of one prompt. */
public enum ScoringMode {
    /** The prompt runs once; its key/value cache is reused for every option (the serving path). */
    SHARED_PREFIX,
    /** Every (prompt, option) pair is scored on its own, without any reuse (the benchmark's baseline). */
    INDEPENDENT
}
