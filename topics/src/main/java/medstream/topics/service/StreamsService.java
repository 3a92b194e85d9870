package medstream.topics.service;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import medstream.topics.errors.DeadLetterCounter;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * A Kafka Streams app as a {@link Service}: healthy until a stream thread dies (the client then shuts down, and the
 * cause goes into its status line, so that a refused ACL reads as one), consuming once it is RUNNING.
 */
public final class StreamsService implements Service {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Properties props;
    /** Dead letters by error class, counted by the app's DLQ handlers (configured through {@link #props}). */
    private final DeadLetterCounter deadLetters = new DeadLetterCounter();
    private final KafkaStreams streams;
    private final Map<String, String> effectiveSettings;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Consumer<Throwable> onFailure = e -> { };

    /**
     * @param props             the app's own Streams configuration; the client's settings and state directory are added here
     * @param effectiveSettings the app's settings as printed at start-up
     */
    public StreamsService(String name, Topology topology, Properties props, ClientConfig client, Map<String, String> effectiveSettings) {
        this.name = name;
        this.props = deadLetters.attachTo(withClient(props, client));
        this.streams = new KafkaStreams(topology, this.props);
        this.effectiveSettings = Map.copyOf(effectiveSettings);
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            onFailure.accept(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /** The user's client settings (security and the like; the app's own bootstrap servers are kept) and the state directory. */
    static Properties withClient(Properties props, ClientConfig client) {
        if (client.stateDir() == null) {
            throw new IllegalArgumentException("A Streams app needs a state directory: give its ClientConfig one (serve's --state-dir)");
        }
        Properties p = new Properties();
        p.putAll(props);
        client.overrides().forEach((k, v) -> {
            if (!k.equals(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) p.put(k, v);
        });
        p.put(StreamsConfig.STATE_DIR_CONFIG, client.stateDir().toAbsolutePath().toString());
        return p;
    }

    /** Also tells {@code listener} when a stream thread dies (a batch run that waits on the app reports it at once). */
    public StreamsService onFailure(Consumer<Throwable> listener) {
        this.onFailure = listener;
        return this;
    }

    /** Dead letters the app's handlers wrote, by error class. */
    public DeadLetterCounter deadLetters() {
        return deadLetters;
    }

    /** The running app: its metrics, its interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The application id, which is also its consumer group. */
    public String applicationId() {
        return String.valueOf(props.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> effectiveSettings() {
        return effectiveSettings;
    }

    @Override
    public void start() {
        streams.start();
    }

    @Override
    public String describe() {
        return applicationId() + ", " + props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG) + ", state "
                + props.get(StreamsConfig.STATE_DIR_CONFIG);
    }

    @Override
    public boolean isHealthy() {
        KafkaStreams.State s = streams.state();
        return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING && s != KafkaStreams.State.PENDING_ERROR;
    }

    @Override
    public String notStarted() {
        return streams.state() == KafkaStreams.State.RUNNING ? null : "Streams state " + streams.state();
    }

    @Override
    public ServiceStats stats() {
        return () -> {
            Throwable e = failure.get();
            return String.format(Locale.ROOT, "state %s, %d thread(s)", streams.state(), streams.metadataForLocalThreads().size())
                    + (e == null ? "" : ", failed: " + FailureMessages.describe(e));
        };
    }

    @Override
    public List<String> consumerGroups() {
        return List.of(applicationId());
    }

    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
    }
}
