package medstream.labeler.model.openai;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before another attempt: "full jitter" exponential backoff, a uniformly random wait in
 * {@code [0, min(maxDelay, baseDelay * 2^attempt))}, so workers that failed together do not retry together; a server's
 * {@code Retry-After} is a floor (capped at {@code maxDelay}, so a server cannot park a worker for an hour).
 *
 * @param maxRetries attempts after the first
 * @param baseDelay  the cap of the first wait
 * @param maxDelay   the cap of every wait
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    /** Validates. */
    public RetryPolicy {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
        }
    }

    /** {@code maxRetries} retries starting at 200 ms, each wait at most 10 s. */
    public static RetryPolicy of(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** Whether another attempt may follow attempt number {@code attempt} (0 = the first). */
    public boolean mayRetry(int attempt) {
        return attempt < maxRetries;
    }

    /** Statuses worth another attempt: timeout, rate limit and server errors; other 4xx will fail the same way again. */
    public static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * The wait after failed attempt {@code attempt} (0 = the first).
     *
     * @param retryAfter the server's Retry-After, or null
     * @param random     uniform in [0, 1)
     */
    public Duration backoff(int attempt, Duration retryAfter, DoubleSupplier random) {
        long capMs = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt, 30));
        long waitMs = (long) (random.getAsDouble() * capMs);
        if (retryAfter != null) waitMs = Math.max(waitMs, Math.min(retryAfter.toMillis(), maxDelay.toMillis()));
        return Duration.ofMillis(waitMs);
    }
}
