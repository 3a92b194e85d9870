package medstream.trainer.config;

import java.time.Duration;

/**
 * When a stage trainer stops accumulating records and trains a round.
 *
 * <p>A size trigger ({@code maxRecords} or {@code maxTokens}) is split evenly over the input partitions: a
 * round takes, per partition and in offset order, records until that partition's share is reached, and
 * fires once one partition reached its share and every other one either reached it too or is caught up.
 * Round boundaries therefore depend on offsets only, never on how polls happened to interleave the
 * partitions, which is what makes a crashed-and-resumed run train exactly the rounds of an uninterrupted one.
 * The age trigger and an explicit {@code TrainTrigger} take whatever is buffered (within the shares): they
 * are timing-dependent by nature.
 *
 * @param maxRecords records per round (split over partitions); the M of "M records"
 * @param maxTokens formatted tokens per round (split over partitions); the N of "N tokens"
 * @param maxAge train what is buffered once its oldest record waited this long; null disables
 * @param fireWhenCaughtUp train as soon as every input partition is caught up (local runs and tests);
 *     a long-running service leaves this off so that a trickle of records does not train tiny rounds
 */
public record TriggerPolicy(int maxRecords, long maxTokens, Duration maxAge, boolean fireWhenCaughtUp) {

    /** Validates the limits. */
    public TriggerPolicy {
        if (maxRecords <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("maxRecords and maxTokens must be positive, got " + maxRecords + " and "
                    + maxTokens + "; use a large value to disable one of them");
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge must be positive or null (disabled), got " + maxAge);
        }
    }

    /** Same policy with another record limit. */
    public TriggerPolicy withMaxRecords(int value) {
        return new TriggerPolicy(value, maxTokens, maxAge, fireWhenCaughtUp);
    }

    /** Same policy with another token limit. */
    public TriggerPolicy withMaxTokens(long value) {
        return new TriggerPolicy(maxRecords, value, maxAge, fireWhenCaughtUp);
    }

    /** Same policy with another age limit (null disables it). */
    public TriggerPolicy withMaxAge(Duration value) {
        return new TriggerPolicy(maxRecords, maxTokens, value, fireWhenCaughtUp);
    }

    /** Same policy with the caught-up trigger switched. */
    public TriggerPolicy withFireWhenCaughtUp(boolean value) {
        return new TriggerPolicy(maxRecords, maxTokens, maxAge, value);
    }
}
