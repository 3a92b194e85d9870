package medstream.topics.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One typed configuration key with its default and documentation (debezium's {@code Field} idea).
 * Resolved by {@link Settings}: system property, then environment variable, then properties file,
 * then the default. The environment variable is the key upper-cased with dots and dashes as
 * underscores, e.g. {@code medstream.labeler.batch-size} -> {@code MEDSTREAM_LABELER_BATCH_SIZE}.
 *
 * @param <T> value type
 */
public final class Setting<T> {
    private final String key;
    private final T defaultValue;
    private final String doc;
    private final Function<String, T> parser;
    private final boolean secret;

    private Setting(String key, T defaultValue, String doc, Function<String, T> parser, boolean secret) {
        this.key = Objects.requireNonNull(key);
        this.defaultValue = defaultValue;
        this.doc = Objects.requireNonNull(doc);
        this.parser = parser;
        this.secret = secret;
    }

    public static Setting<String> string(String key, String def, String doc) { return new Setting<>(key, def, doc, s -> s, false); }
    public static Setting<String> secret(String key, String def, String doc) { return new Setting<>(key, def, doc, s -> s, true); }
    public static Setting<Integer> integer(String key, int def, String doc) { return new Setting<>(key, def, doc, s -> Integer.parseInt(s.trim()), false); }
    public static Setting<Long> longValue(String key, long def, String doc) { return new Setting<>(key, def, doc, s -> Long.parseLong(s.trim()), false); }
    public static Setting<Double> decimal(String key, double def, String doc) { return new Setting<>(key, def, doc, s -> Double.parseDouble(s.trim()), false); }
    public static Setting<Boolean> bool(String key, boolean def, String doc) { return new Setting<>(key, def, doc, Setting::parseBoolean, false); }

    public String key() { return key; }
    public T defaultValue() { return defaultValue; }
    public String doc() { return doc; }
    public boolean isSecret() { return secret; }

    /** The environment variable that overrides this key. */
    public String envName() { return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'); }

    /** Boolean.parseBoolean would read a typo such as "yes" or "ture" as false without a word. */
    private static Boolean parseBoolean(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) return Boolean.TRUE;
        if (s.equals("false")) return Boolean.FALSE;
        throw new IllegalArgumentException("expected true or false");
    }

    T parse(String raw) {
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting " + key + " = '" + raw + "' is not valid (" + doc + "): " + e.getMessage(), e);
        }
    }
}
