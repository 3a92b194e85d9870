package medstream.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;
import picocli.CommandLine.Option;

/**
 * Options every command takes: where the broker and schema registry are, and a config file. Mixed
 * into each command with {@code @Mixin}.
 */
public final class CommonOptions {
    /** Config-file keys with this prefix are passed, without it, to every Kafka client (security etc.). */
    public static final String CLIENT_PREFIX = "kafka.";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers, or 'embedded' (default) to start a single-node KRaft broker on 127.0.0.1.")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Schema registry URL (http://host:8081 for a Confluent Schema Registry), or 'embedded' (default) "
                    + "to start one on 127.0.0.1.")
    String registry;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with medstream.* settings (environment variables override it: "
                    + "MEDSTREAM_BOOTSTRAP ...) and kafka.* client properties (e.g. kafka.security.protocol).")
    Path config;

    /** Settings from the config file and environment, with this command's flags on top. */
    public Settings settings() {
        return Settings.load(config).override(CliSettings.BOOTSTRAP, bootstrap).override(CliSettings.REGISTRY, registry);
    }

    /** The {@code kafka.*} entries of the config file, prefix removed. */
    public Map<String, Object> clientOverrides() {
        Map<String, Object> m = new TreeMap<>();
        if (config == null) return m;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read config file " + config + ": " + e.getMessage(), e);
        }
        p.stringPropertyNames().stream().filter(k -> k.startsWith(CLIENT_PREFIX))
                .forEach(k -> m.put(k.substring(CLIENT_PREFIX.length()), p.getProperty(k)));
        return m;
    }

    /** Prints the effective configuration, secrets masked. */
    public void printEffective(Settings settings, PrintStream out) {
        printEffective(settings, out, List.of());
    }

    /** Prints the effective configuration with a service's own settings after the common ones, secrets masked. */
    public void printEffective(Settings settings, PrintStream out, List<Setting<?>> serviceSettings) {
        out.println("Effective configuration" + (config == null ? "" : " (config file " + config + ")") + ":");
        Map<String, String> effective = effective(settings);
        effective.putAll(settings.effective(serviceSettings));
        effective.forEach((k, v) -> out.printf(Locale.ROOT, "  %-36s = %s%n", k, v));
    }

    /**
     * The effective configuration, secrets masked: every CLI setting as resolved, then the {@code kafka.*} client
     * entries of the config file (what the start-up print and the summary's {@code configuration} show).
     */
    public Map<String, String> effective(Settings settings) {
        Map<String, String> effective = new LinkedHashMap<>(settings.effective(CliSettings.ALL));
        // The data directory's default depends on where the repository is: show what it resolved to.
        effective.put(CliSettings.DATA_DIR.key(), CliSettings.dataDir(settings).toString());
        effective.replaceAll((k, v) -> maskUrlCredentials(v));
        clientOverrides().forEach((k, v) -> effective.put(CLIENT_PREFIX + k, isSecret(k) ? "****" : String.valueOf(v)));
        return effective;
    }

    /** {@code https://user:password@host} printed as {@code https://****@host}. */
    static String maskUrlCredentials(String value) {
        return value.replaceAll("://[^/@\\s]+@", "://****@");
    }

    /**
     * Whether a {@code kafka.*} value is printed as {@code ****}: passwords, secrets, tokens, JAAS configs (they hold the
     * SASL password), basic-auth user info and PEM private keys ({@code ssl.keystore.key}).
     */
    static boolean isSecret(String clientKey) {
        String k = clientKey.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas.config") || k.contains("token")
                || k.contains("user.info") || k.endsWith(".key");
    }
}
