package medstream.trainer;

import medstream.contracts.EvalResult;
import medstream.contracts.ModelVersion;

/**
 * Observes a stage trainer: reports collect versions and evaluations, tests watch steps. Called on the
 * training thread; keep the calls short.
 */
public interface TrainerListener {

    /** Nothing observed. */
    TrainerListener NONE = new TrainerListener() { };

    /**
     * After every optimizer step.
     *
     * @param event the step
     */
    default void onStep(StepEvent event) { }

    /**
     * After a version is checkpointed and published.
     *
     * @param version the published record
     */
    default void onVersion(ModelVersion version) { }

    /**
     * After a version is evaluated on a benchmark.
     *
     * @param result the published record
     */
    default void onEval(EvalResult result) { }

    /**
     * One optimizer step of a round.
     *
     * @param stage stage
     * @param round round number in the stage's lineage
     * @param step step within the round (1-based)
     * @param steps steps in the round
     * @param globalStep optimizer steps of the model so far
     * @param loss the step's loss
     * @param tokensPerSecond the step's input tokens per second
     */
    record StepEvent(int stage, long round, int step, int steps, long globalStep, double loss, double tokensPerSecond) { }
}
