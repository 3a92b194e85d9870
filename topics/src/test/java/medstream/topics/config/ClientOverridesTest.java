package medstream.topics.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientOverridesTest {
    private static final Map<String, Object> SECURED = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks",
            "max.poll.interval.ms", 600_000,
            "linger.ms", 20,
            "medstream.not-a-client-key", "x");

    @Test
    void givenSecurityAndClientSpecificSettings_whenCutPerClient_thenEveryClientGetsTheSecurityAndOnlyItsOwnKeys() {
        Map<String, Object> producer = ClientOverrides.forProducer(SECURED);
        Map<String, Object> consumer = ClientOverrides.forConsumer(SECURED);
        Map<String, Object> admin = ClientOverrides.forAdmin(SECURED);

        for (Map<String, Object> client : java.util.List.of(producer, consumer, admin)) {
            assertThat(client).containsKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location")
                    .doesNotContainKey("medstream.not-a-client-key");
        }
        assertThat(producer).containsKey("linger.ms").doesNotContainKey("max.poll.interval.ms");
        assertThat(consumer).containsKey("max.poll.interval.ms").doesNotContainKey("linger.ms");
        assertThat(admin).doesNotContainKeys("linger.ms", "max.poll.interval.ms");
    }
}
