package medstream.trainer;

import java.time.Duration;

/**
 * How much a drain run of one stage may train: new tokens and wall time. Rounds are cut to what is left,
 * so a run ends at a round boundary with every consumed record trained exactly once.
 *
 * @param maxNewTokens tokens of new records (Long.MAX_VALUE for no limit)
 * @param maxDuration wall time (null for no limit); the next round is sized from the measured rate
 */
public record Budget(long maxNewTokens, Duration maxDuration) {

    /** No limit: drain the topic. */
    public static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, null);

    /** Validates the limits. */
    public Budget {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        }
    }
}
