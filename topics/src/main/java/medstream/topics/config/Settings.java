package medstream.topics.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves {@link Setting}s from, in order of precedence: explicit overrides (command-line flags),
 * JVM system properties, environment variables, an optional properties file, and the defaults.
 */
public final class Settings {
    /** What {@link #effective} prints for a secret that is not set. */
    public static final String NOT_SET = "(none)";
    private final Properties file;
    private final Map<String, String> env;
    private final Map<String, String> overrides = new HashMap<>();
    private final Map<String, String> fallbacks = new HashMap<>();

    private Settings(Properties file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /** Settings from the environment and an optional properties file (null: none). */
    public static Settings load(Path propertiesFile) {
        Properties p = new Properties();
        if (propertiesFile != null) {
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read config file " + propertiesFile + ": " + e.getMessage(), e);
            }
        }
        return new Settings(p, System.getenv());
    }

    /** Settings over an explicit file and environment (tests inject the environment here). */
    static Settings of(Properties file, Map<String, String> env) {
        return new Settings(file, Map.copyOf(env));
    }

    /** Settings with only defaults and the given values (tests). */
    public static Settings of(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return new Settings(p, Map.of());
    }

    /** Sets an override that wins over every other source (command-line flags). */
    public Settings override(Setting<?> setting, Object value) {
        if (value != null) overrides.put(setting.key(), String.valueOf(value));
        return this;
    }

    /**
     * Sets the value used when no source (flag, property, environment, file) sets {@code setting}: a command's own
     * default that differs from the library's (e.g. {@code local} labels with strategy weak, trained on its data dir).
     */
    public Settings fallback(Setting<?> setting, Object value) {
        if (value != null) fallbacks.put(setting.key(), String.valueOf(value));
        return this;
    }

    public <T> T get(Setting<T> s) {
        String raw = overrides.get(s.key());
        if (raw == null) raw = System.getProperty(s.key());
        if (raw == null) raw = env.get(s.envName());
        if (raw == null) raw = file.getProperty(s.key());
        if (raw == null) raw = fallbacks.get(s.key());
        return raw == null ? s.defaultValue() : s.parse(raw);
    }

    /**
     * The effective values, secrets masked, for printing at start-up. A secret that is not set prints as {@code (none)}
     * (as the labeler prints a missing API key), so that the printout still tells whether credentials were given.
     */
    public Map<String, String> effective(Collection<Setting<?>> settings) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Setting<?> s : settings) m.put(s.key(), s.isSecret() ? masked(get(s)) : String.valueOf(get(s)));
        return m;
    }

    private static String masked(Object secret) {
        return secret == null || secret.toString().isEmpty() ? NOT_SET : "****";
    }
}
