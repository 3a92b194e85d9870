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

    /** The registry URL from a serde config; null when absent (not "null", which would hide the missing key). */
    static String registryUrl(java.util.Map<String, ?> configs) {
        Object url = configs.get(REGISTRY_URL_CONFIG);
        return url == null ? null : url.toString();
    }
}
