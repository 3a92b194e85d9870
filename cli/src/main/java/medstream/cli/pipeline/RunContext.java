package medstream.cli.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.service.ClientConfig;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Everything a {@link PipelineStep} needs: where the broker and registry are, the topic catalog, the
 * settings, the data and output directories, the entry limit, the run's summary and the console.
 * Steps create their own clients from {@link #clientConfig()} and close them before returning.
 */
public final class RunContext {
    private final TopicCatalog catalog;
    private final String bootstrapServers;
    private final String registryUrl;
    private final Map<String, Object> clientOverrides;
    private final Settings settings;
    private final Path dataDir;
    private final Path outDir;
    private final OptionalInt limit;
    private final RunSummary summary;
    private final PrintStream out;
    private final Deque<Service> services = new ArrayDeque<>();

    private record Service(String name, AutoCloseable resource) {}

    /**
     * @param clientOverrides extra Kafka client properties (security settings for an external cluster)
     * @param limit           entries per data set, empty for all
     */
    public RunContext(TopicCatalog catalog, String bootstrapServers, String registryUrl, Map<String, ?> clientOverrides,
                      Settings settings, Path dataDir, Path outDir, OptionalInt limit, RunSummary summary, PrintStream out) {
        this.catalog = catalog;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.clientOverrides = Map.copyOf(clientOverrides);
        this.settings = settings;
        this.dataDir = dataDir;
        this.outDir = outDir;
        this.limit = limit;
        this.summary = summary;
        this.out = out;
    }

    public TopicCatalog catalog() { return catalog; }
    public String bootstrapServers() { return bootstrapServers; }
    public String registryUrl() { return registryUrl; }
    public Settings settings() { return settings; }
    /** The shared data sets' directory. */
    public Path dataDir() { return dataDir; }
    /** Where the run writes summary.json and artefacts. */
    public Path outDir() { return outDir; }
    /** Entries per data set to ingest; empty means all. */
    public OptionalInt limit() { return limit; }
    public RunSummary summary() { return summary; }
    /** The console, for progress lines. */
    public PrintStream out() { return out; }

    /**
     * Keeps a service running after the step that started it returns (a Streams app that later steps
     * read from, a labeler consuming while the trainer runs); the pipeline closes every such service
     * after the last step, newest first, whether the run succeeded or not.
     */
    public void keepRunning(String name, AutoCloseable service) {
        synchronized (services) {
            services.push(new Service(name, service));
        }
    }

    /** Closes the services of {@link #keepRunning}, newest first; returns the first failure, if any. */
    Exception closeServices() {
        Exception first = null;
        while (true) {
            Service s;
            synchronized (services) {
                s = services.poll();
            }
            if (s == null) return first;
            try {
                out.println("    stopping " + s.name());
                s.resource().close();
            } catch (Exception e) {
                Exception wrapped = new IllegalStateException("Stopping " + s.name() + " failed: " + e, e);
                if (first == null) first = wrapped; else first.addSuppressed(wrapped);
            }
        }
    }

    /**
     * Base configuration of every Kafka client in the run: bootstrap servers plus the {@code kafka.*}
     * entries of the config file (e.g. {@code security.protocol}); add producer/consumer settings on top.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> m = new HashMap<>(clientOverrides);
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return m;
    }

    /** The run's client settings as a service's factory takes them, a Streams app's local state in {@code stateDir} (or null). */
    public ClientConfig serviceClient(Path stateDir) {
        return new ClientConfig(bootstrapServers, clientOverrides, stateDir);
    }
}
