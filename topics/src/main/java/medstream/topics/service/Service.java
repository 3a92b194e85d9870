package medstream.topics.service;

import java.util.List;
import java.util.Map;

/**
 * The shape of every long-lived medstream service (the knowledge and cleaning apps, the labeler, the trainer): built
 * by its module from its own settings, the topic catalog and a {@link ClientConfig} (a {@link ServiceFactory}), then
 * {@link #start()}ed, watched through {@link #isHealthy()} and {@link #stats()}, and {@link #close()}d. {@code serve},
 * {@code up} and {@code local} run every service through this one shape, so that they run the same code.
 */
public interface Service extends AutoCloseable {
    /** The service's name in logs, status lines and metric tags ({@code knowledge}, {@code labeler}). */
    String name();

    /** The service's own settings as resolved from flags, environment, file and defaults, secrets masked. */
    Map<String, String> effectiveSettings();

    /** Starts its threads and clients; called once. */
    void start();

    /** What it runs, for the line that says it started: its application id or group, its model, its state. */
    String describe();

    /** False once the service failed (a Streams app in ERROR, a worker thread that died): it must be restarted. */
    boolean isHealthy();

    /** Why the service is not consuming yet (a Streams app rebalancing), or null once it is. */
    default String notStarted() {
        return null;
    }

    /** What it has done so far: the status line a person reads and the detail of its health. */
    ServiceStats stats();

    /** The consumer groups whose lag says how far behind it is. */
    List<String> consumerGroups();

    /** Finishes (commits or aborts) what is in flight and closes its clients. */
    @Override
    void close();
}
