package medstream.topics.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The configuration's {@code kafka.*} client settings (security, timeouts) cut to what one kind of client knows.
 * Every client a service opens gets them, so a secured cluster needs them in one place only; a client given a key it
 * does not know logs a warning, which would make every producer on a SASL cluster warn about consumer settings.
 */
public final class ClientOverrides {
    private ClientOverrides() {}

    /** The entries a producer knows. */
    public static Map<String, Object> forProducer(Map<String, ?> overrides) {
        return only(ProducerConfig.configNames(), overrides);
    }

    /** The entries a consumer knows. */
    public static Map<String, Object> forConsumer(Map<String, ?> overrides) {
        return only(ConsumerConfig.configNames(), overrides);
    }

    /** The entries an admin client knows. */
    public static Map<String, Object> forAdmin(Map<String, ?> overrides) {
        return only(AdminClientConfig.configNames(), overrides);
    }

    private static Map<String, Object> only(Set<String> known, Map<String, ?> overrides) {
        Map<String, Object> m = new HashMap<>();
        overrides.forEach((k, v) -> {
            if (known.contains(k)) m.put(k, v);
        });
        return m;
    }
}
