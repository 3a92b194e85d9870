package medstream.cli.metrics;

/** medstream's own meter names (Micrometer dots; Prometheus shows {@code medstream_records_in_total} and so on). */
public final class Names {
    /** Counter, tag {@code topic}: input records. */
    public static final String RECORDS_IN = "medstream.records.in";
    /** Counter, tag {@code topic}: output records. */
    public static final String RECORDS_OUT = "medstream.records.out";
    /** Counter: records sent to the dead-letter topic. */
    public static final String DEAD_LETTERS = "medstream.dead.letters";
    /** Counter, tag {@code error_class}: dead letters by their error class or reason code (the DeadLetter's errorClass). */
    public static final String DEAD_LETTERS_BY_CLASS = "medstream.dead.letters.by.class";
    /** Counter, tag {@code reason}: records the cleaning policy filtered out. */
    public static final String REJECTS = "medstream.rejects";
    /** Gauge: records the service's consumer groups are behind (-1 before their first commit, NaN when unknown). */
    public static final String CONSUMER_LAG = "medstream.consumer.lag";
    /** Counter, tag {@code decision}: committed labels. */
    public static final String LABELS = "medstream.labels";
    /** Gauge: share of committed labels that were accepted (NaN before the first). */
    public static final String LABELS_ACCEPT_SHARE = "medstream.labels.accept.share";
    /** Counter: committed labeler batches. */
    public static final String LABELER_BATCHES = "medstream.labeler.batches";
    /** Counter: seconds committed labeler batches took from entering the model to their commit (over batches: mean latency). */
    public static final String LABELER_BATCH_SECONDS = "medstream.labeler.batch.seconds";
    /** Gauge, tag {@code version} (info metric): 1 for the model version in use, 0 for earlier ones. */
    public static final String MODEL_VERSION = "medstream.model.version";
    /** Gauge, tag {@code stage}: input tokens per second of the last optimizer step. */
    public static final String TRAINER_TOKENS_PER_SECOND = "medstream.trainer.tokens.per.second";
    /** Gauge, tag {@code stage}: loss of the last optimizer step. */
    public static final String TRAINER_LOSS = "medstream.trainer.loss";
    /** Counter, tag {@code stage}: optimizer steps. */
    public static final String TRAINER_STEPS = "medstream.trainer.steps";
    /** Gauge, tag {@code stage}: seconds since the newest checkpoint was written (NaN before the first). */
    public static final String TRAINER_CHECKPOINT_AGE = "medstream.trainer.checkpoint.age.seconds";

    private Names() {}
}
