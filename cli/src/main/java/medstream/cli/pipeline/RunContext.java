package medstream.cli.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
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
     * Base configuration of every Kafka client in the run: bootstrap servers plus the {@code kafka.*}
     * entries of the config file (e.g. {@code security.protocol}); add producer/consumer settings on top.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> m = new HashMap<>(clientOverrides);
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return m;
    }
}
