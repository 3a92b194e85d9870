package medstream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stop request from SIGTERM / Ctrl-C for a long-running command. The JVM exits as soon as its shutdown hooks
 * return, so the hook releases {@link #requested()} and then holds the JVM until the command calls {@link #done()}
 * (or a timeout passes): otherwise the services would be cut off in the middle of closing their transactions.
 */
final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    private StopSignal() {}

    /** Installs the shutdown hook; {@code timeout} bounds how long it holds the JVM for the command to stop. */
    static StopSignal install(String name, Duration timeout) {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signal.requested.countDown();
            try {
                signal.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown"));
        return signal;
    }

    /** Released when a stop is requested. */
    CountDownLatch requested() { return requested; }

    /** The command has stopped everything: the JVM may exit. */
    void done() { done.countDown(); }
}
