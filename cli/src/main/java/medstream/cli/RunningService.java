package medstream.cli;

import java.util.List;
import medstream.cli.metrics.ServiceMeters;

/** A service {@link ServeCommand} started: its health, a status line, its consumer groups, its meters, and how to stop it. */
interface RunningService extends AutoCloseable {
    /** False once the service failed (a Streams app in ERROR, a worker thread that died). */
    boolean healthy();

    /** Why the service is not consuming yet (a Streams app rebalancing), or null once it is. */
    default String notStarted() { return null; }

    /** One line for a person. */
    String status();

    /** The consumer groups whose lag says how far behind it is. */
    List<String> groups();

    /** Registers the service's own meters (the lag and JVM meters are registered for every service). */
    void bindMeters(ServiceMeters meters);

    @Override
    void close();
}
