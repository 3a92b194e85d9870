package medstream.topics.serde;

/**
 * The Confluent wire format: byte 0 is the magic byte {@code 0}, bytes 1-4 the schema id (big-endian
 * int32), the rest the Avro binary encoding of the record under that schema.
 */
public final class WireFormat {
    /** The magic byte every Confluent-framed record starts with. */
    public static final byte MAGIC_BYTE = 0;
    /** Length of the header: magic byte plus schema id. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {}

    /** Schema registry URL configuration key, as Confluent names it. */
    public static final String REGISTRY_URL_CONFIG = "schema.registry.url";
    /** Whether serializers register schemas on first use (default true). */
    public static final String AUTO_REGISTER_CONFIG = "auto.register.schemas";

    /** Where the registry's basic-auth credentials come from, as Confluent names it: {@code USER_INFO} or {@code URL}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    /** {@code user:password} for the registry's basic auth, Confluent's serde key. */
    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    /** The same with Confluent's {@code schema.registry.} prefix (what Streams and Connect configs carry). */
    public static final String REGISTRY_BASIC_AUTH_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info";

    /** The registry URL from a serde config; null when absent (not "null", which would hide the missing key). */
    static String registryUrl(java.util.Map<String, ?> configs) {
        Object url = configs.get(REGISTRY_URL_CONFIG);
        return url == null ? null : url.toString();
    }

    /**
     * The registry's basic-auth {@code user:password} from a serde config, null for none: from
     * {@link #REGISTRY_BASIC_AUTH_USER_INFO_CONFIG} or {@link #BASIC_AUTH_USER_INFO_CONFIG} unless the credentials source
     * is {@code URL}, in which case the client takes them from the URL's user-info part.
     */
    static String basicAuthUserInfo(java.util.Map<String, ?> configs) {
        Object source = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG);
        String s = source == null ? "USER_INFO" : source.toString().trim().toUpperCase(java.util.Locale.ROOT);
        if (s.equals("URL")) return null;
        if (!s.equals("USER_INFO")) {
            throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + " = '" + source
                    + "' is not supported: use USER_INFO with " + BASIC_AUTH_USER_INFO_CONFIG + "=user:password, or URL with "
                    + "http://user:password@host:port");
        }
        Object info = configs.get(REGISTRY_BASIC_AUTH_USER_INFO_CONFIG);
        if (info == null) info = configs.get(BASIC_AUTH_USER_INFO_CONFIG);
        return info == null || info.toString().isBlank() ? null : info.toString();
    }
}
