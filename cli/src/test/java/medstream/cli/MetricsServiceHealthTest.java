package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import medstream.cli.metrics.Health;
import medstream.topics.service.Service;
import medstream.topics.service.ServiceStats;
import org.junit.jupiter.api.Test;

class MetricsServiceHealthTest {
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicReference<String> notStarted = new AtomicReference<>("Streams state REBALANCING");
    private final AtomicLong lag = new AtomicLong(500);
    private final ServiceHealth health = new ServiceHealth(new Fake(), lag::get, 100);

    @Test
    void givenAStreamsAppRebalancing_whenAsked_thenStartingAndNotReady() {
        Health h = health.get();

        assertThat(h.live()).isTrue();
        assertThat(h.ready()).isFalse();
        assertThat(h.detail()).isEqualTo("Streams state REBALANCING");
    }

    @Test
    void givenARunningServiceBehindByMoreThanTheThreshold_whenItCatchesUp_thenReadyAndStaysReadyThroughABurst() {
        notStarted.set(null);
        Health behind = health.get();
        lag.set(100);
        Health caughtUp = health.get();
        lag.set(10_000);
        Health burst = health.get();

        assertThat(behind).isEqualTo(Health.catchingUp(500));
        assertThat(caughtUp.ready()).isTrue();
        assertThat(caughtUp.detail()).isEqualTo("caught up (lag 100)");
        assertThat(burst.ready()).isTrue();
    }

    @Test
    void givenARunningServiceThatHasCommittedNothing_whenItsFirstCommitShowsABacklog_thenReadyTurnsToCatchingUp() {
        notStarted.set(null);
        lag.set(-1);
        Health idle = health.get();
        lag.set(5_000);

        assertThat(idle).isEqualTo(Health.ready("nothing committed yet"));
        assertThat(health.get()).isEqualTo(Health.catchingUp(5_000));
    }

    @Test
    void givenACaughtUpServiceThatFails_whenAsked_thenNotLiveWithItsStatusAsTheCause() {
        notStarted.set(null);
        lag.set(0);
        health.get();
        healthy.set(false);

        Health h = health.get();

        assertThat(h.live()).isFalse();
        assertThat(h.ready()).isFalse();
        assertThat(h.detail()).isEqualTo("state ERROR");
    }

    private final class Fake implements Service {
        @Override
        public String name() { return "fake"; }

        @Override
        public Map<String, String> effectiveSettings() { return Map.of(); }

        @Override
        public void start() { }

        @Override
        public String describe() { return "fake"; }

        @Override
        public boolean isHealthy() { return healthy.get(); }

        @Override
        public String notStarted() { return notStarted.get(); }

        @Override
        public ServiceStats stats() { return () -> healthy.get() ? "state RUNNING" : "state ERROR"; }

        @Override
        public List<String> consumerGroups() { return List.of("g"); }

        @Override
        public void close() { }
    }
}
