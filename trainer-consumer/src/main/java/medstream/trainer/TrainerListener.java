package medstream.trainer;

import java.util.Map;
import medstream.contracts.EvalResult;
import medstream.contracts.ModelVersion;
import medstream.topics.clients.ClientListener;

/**
 * Observes a stage trainer: reports collect versions and evaluations, tests watch steps, metrics watch dead letters
 * and the Kafka clients of every run ({@link ClientListener}, called on the poll thread). Called on the training
 * thread otherwise; keep the calls short.
 */
public interface TrainerListener extends ClientListener {

    /** Nothing observed. */
    TrainerListener NONE = new TrainerListener() { };

    /**
     * After every optimizer step.
     *
     * @param event the step
     */
    default void onStep(StepEvent event) { }

    /**
     * After a round's dead letters were sent (and flushed) to the DLQ, before its checkpoint.
     *
     * @param stage stage
     * @param byClass dead letters of the round per error class (reason code)
     */
    default void onDeadLetters(int stage, Map<String, Long> byClass) { }

    /**
     * After a version's checkpoint is written and before its record is published: a kill here leaves the version
     * on disk only, and the next start publishes it.
     *
     * @param version the record about to be published
     */
    default void onCheckpointed(ModelVersion version) { }

    /**
     * After a version is checkpointed and published (or published on a later start, after a kill between the two).
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
