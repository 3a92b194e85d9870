package medstream.topics.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Factory of Confluent-wire Avro serdes for generated record classes. */
public final class AvroSerdes {
    private AvroSerdes() {}

    /** A serde configuration pointing at a registry URL ({@code mock://scope} or {@code http://...}). */
    public static Map<String, Object> config(String registryUrl) {
        Map<String, Object> m = new HashMap<>();
        m.put(WireFormat.REGISTRY_URL_CONFIG, registryUrl);
        return m;
    }

    /** A serde configuration for a registry that wants basic auth ({@code userInfo} = {@code user:password}; null: none). */
    public static Map<String, Object> config(String registryUrl, String userInfo) {
        Map<String, Object> m = config(registryUrl);
        if (userInfo != null && !userInfo.isBlank()) {
            m.put(WireFormat.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
            m.put(WireFormat.REGISTRY_BASIC_AUTH_USER_INFO_CONFIG, userInfo);
        }
        return m;
    }

    /** A configured serde for a specific record class. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, boolean isKey, Map<String, ?> config) {
        Serde<T> serde = Serdes.serdeFrom(new ConfluentAvroSerializer<>(type), new ConfluentAvroDeserializer<>(type));
        serde.configure(config, isKey);
        return serde;
    }

    /** The schema of a generated class. */
    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }
}
