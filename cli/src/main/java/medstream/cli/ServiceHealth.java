package medstream.cli;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import medstream.cli.metrics.Health;
import medstream.topics.service.Service;

/**
 * The health of a running service for {@code /health/*}: failed when the service says so; ready once it runs and its
 * consumer lag has been at or below {@code readyLag}, and ready from then on while it lives, so that a burst of input
 * does not take a caught-up service out of rotation. A service that has committed nothing yet reads ready (no input
 * seen) until its first commit shows a backlog.
 */
final class ServiceHealth implements Supplier<Health> {
    private final Service running;
    private final LongSupplier lag;
    private final long readyLag;
    private volatile boolean caughtUp;

    /**
     * @param lag the consumer lag now, -1 before the first commit; throws when it cannot be measured (reads as not ready)
     */
    ServiceHealth(Service running, LongSupplier lag, long readyLag) {
        this.running = running;
        this.lag = lag;
        this.readyLag = readyLag;
    }

    @Override
    public Health get() {
        if (!running.isHealthy()) return Health.failed(running.stats().describe());
        if (caughtUp) return Health.ready(running.stats().describe());
        String notStarted = running.notStarted();
        if (notStarted != null) return Health.starting(notStarted);
        long behind = lag.getAsLong();
        if (behind < 0) return Health.ready("nothing committed yet");
        if (behind > readyLag) return Health.catchingUp(behind);
        caughtUp = true;
        return Health.ready("caught up (lag " + behind + ")");
    }
}
