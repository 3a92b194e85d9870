package medstream.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;
import medstream.topics.serde.AvroSerdes;

/**
 * The settings every command shares, with their defaults in one place. Each is overridable by a
 * command-line flag, a JVM system property, an environment variable (key upper-cased, dots and dashes
 * as underscores: {@code MEDSTREAM_BOOTSTRAP}) or the {@code --config} properties file, in that order.
 */
public final class CliSettings {
    /** Value of {@link #BOOTSTRAP} and {@link #REGISTRY} that starts an embedded one. */
    public static final String EMBEDDED = "embedded";

    public static final Setting<String> BOOTSTRAP = Setting.string("medstream.bootstrap", EMBEDDED,
            "Kafka bootstrap servers (host:port,...), or 'embedded' to start a single-node KRaft broker on 127.0.0.1");
    public static final Setting<String> REGISTRY = Setting.string("medstream.registry", EMBEDDED,
            "Schema registry URL (http(s)://... Confluent-compatible, mock://scope in-process), or 'embedded' for an "
                    + "HTTP registry on 127.0.0.1");
    public static final Setting<String> REGISTRY_USER_INFO = Setting.secret("medstream.registry.basic-auth.user-info", "",
            "user:password for a schema registry that wants HTTP basic auth (Confluent's schema.registry.basic.auth.user.info); "
                    + "empty: none, or credentials in the URL (https://user:password@host)");
    public static final Setting<String> EMBEDDED_BROKER_MODE = Setting.string("medstream.embedded.broker-mode", "in-process",
            "How the embedded broker runs: 'in-process' or 'child-jvm' (survives a kill -9 of this JVM's services)");
    public static final Setting<String> TOPIC_PREFIX = Setting.string("medstream.topic.prefix", TopicCatalog.DEFAULT_PREFIX,
            "Prefix of every topic name");
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.integer("medstream.topic.partitions",
            TopicCatalog.DEFAULT_PARTITIONS, "Partitions of the data topics when they are created");
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("medstream.topic.replication-factor", 1,
            "Replication factor of topics when they are created (1 on a single broker, 3 on a production cluster)");
    public static final Setting<String> DATA_DIR = Setting.string("medstream.data", "",
            "Directory of the shared data sets (default: ../shared/data next to the repository)");
    public static final Setting<String> OUT_DIR = Setting.string("medstream.out", "out",
            "Output directory (summary.json and later artefacts)");
    public static final Setting<Integer> LIMIT = Setting.integer("medstream.limit", -1,
            "Records to produce per data set (-1: all); a small number gives a smoke run");
    public static final Setting<Integer> METRICS_PORT = Setting.integer("medstream.metrics.port", 9404,
            "Port of /metrics (Prometheus) and /health/live, /health/ready of serve and up (0: any free port, -1: none)");
    public static final Setting<Long> METRICS_READY_LAG = Setting.longValue("medstream.metrics.ready-lag", 100,
            "Consumer lag (records) at or below which a service first reports ready on /health/ready");

    /** Every setting, in the order they are printed. */
    public static final List<Setting<?>> ALL = List.of(BOOTSTRAP, REGISTRY, REGISTRY_USER_INFO, EMBEDDED_BROKER_MODE, TOPIC_PREFIX,
            TOPIC_PARTITIONS, REPLICATION_FACTOR, DATA_DIR, OUT_DIR, LIMIT, METRICS_PORT, METRICS_READY_LAG);

    private CliSettings() {}

    /** The serde configuration of the catalog: the registry URL and, when set, its basic-auth credentials. */
    public static Map<String, Object> serdeConfig(Settings settings, String registryUrl) {
        return AvroSerdes.config(registryUrl, settings.get(REGISTRY_USER_INFO));
    }

    /**
     * The data directory: the setting if given, else {@code ../shared/data} beside the repository root
     * that the launcher names in {@code -Dmedstream.home}, else relative to the working directory.
     */
    public static Path dataDir(Settings settings) {
        String configured = settings.get(DATA_DIR);
        if (!configured.isBlank()) return Path.of(configured);
        String home = System.getProperty("medstream.home");
        Path base = home == null ? Path.of("") : Path.of(home);
        return base.resolve("../shared/data").toAbsolutePath().normalize();
    }
}
