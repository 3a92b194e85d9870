package medstream.labeler.model.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Full-jitter exponential backoff, Retry-After as a capped floor, and which statuses are retried. */
class OpenAiRetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(1_000));

    @Test
    void givenTheLargestJitter_whenBackingOff_thenTheWaitDoublesPerAttemptUpToTheCap() {
        double almostOne = Math.nextDown(1.0);

        assertThat(policy.backoff(0, null, () -> almostOne)).isEqualTo(Duration.ofMillis(99));
        assertThat(policy.backoff(1, null, () -> almostOne)).isEqualTo(Duration.ofMillis(199));
        assertThat(policy.backoff(3, null, () -> almostOne)).isEqualTo(Duration.ofMillis(799));
        assertThat(policy.backoff(9, null, () -> almostOne)).isEqualTo(Duration.ofMillis(999));
    }

    @Test
    void givenRandomDraws_whenBackingOff_thenTheWaitIsSpreadOverZeroToTheCap() {
        assertThat(policy.backoff(2, null, () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.backoff(2, null, () -> 0.5)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void givenARetryAfter_whenBackingOff_thenItIsAFloorCappedAtTheMaximumWait() {
        assertThat(policy.backoff(0, Duration.ofMillis(600), () -> 0.1)).isEqualTo(Duration.ofMillis(600));
        assertThat(policy.backoff(0, Duration.ofHours(1), () -> 0.1)).isEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void givenThreeRetries_whenCountingAttempts_thenTheFourthFailureIsTheLast() {
        assertThat(policy.mayRetry(2)).isTrue();
        assertThat(policy.mayRetry(3)).isFalse();
    }

    @Test
    void givenStatuses_whenAskedWhetherToRetry_thenTimeoutsRateLimitsAndServerErrorsAreRetriedAndOther4xxAreNot() {
        assertThat(RetryPolicy.isRetryable(408)).isTrue();
        assertThat(RetryPolicy.isRetryable(429)).isTrue();
        assertThat(RetryPolicy.isRetryable(500)).isTrue();
        assertThat(RetryPolicy.isRetryable(503)).isTrue();
        assertThat(RetryPolicy.isRetryable(400)).isFalse();
        assertThat(RetryPolicy.isRetryable(401)).isFalse();
        assertThat(RetryPolicy.isRetryable(404)).isFalse();
    }
}
