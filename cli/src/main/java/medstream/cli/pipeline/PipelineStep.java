package medstream.cli.pipeline;

/**
 * One step of {@code ./medstream local}: provisioning, ingestion, a stream processor, the trainer...
 * Steps run in order on one {@link RunContext}; each reads what earlier steps left on the broker and
 * adds its own section to {@link RunContext#summary()}. A step that throws stops the run; the summary is
 * still written, with {@code status: "failed"} and the error.
 */
public interface PipelineStep {
    /** Short name for progress lines and {@code summary.json}'s {@code steps} section, e.g. {@code ingest}. */
    String name();

    /** Does the step's work; returns when its output is on the broker (or it has failed). */
    void run(RunContext ctx) throws Exception;
}
