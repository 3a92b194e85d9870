package medstream.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Clients that a service opens and closes as it restarts: each shows its {@code kafka_*} meters while it is open, tagged
 * with the service and its client id, and none after it closed. The clients are real ones that never connect (creating
 * them opens no connection, and nothing is sent).
 */
class MetricsKafkaClientMetersTest {
    private static final String NOWHERE = "127.0.0.1:9";

    private static KafkaConsumer<byte[], byte[]> consumer(String clientId) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE, ConsumerConfig.GROUP_ID_CONFIG, "g",
                ConsumerConfig.CLIENT_ID_CONFIG, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The scrape's kafka_* lines of one client id. */
    private static String clientLines(String scrape, String prefix, String clientId) {
        return scrape.lines().filter(l -> l.startsWith(prefix) && l.contains("client_id=\"" + clientId + "\""))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void givenAConsumerOpenedBeforeBindingAndAProducerAfter_whenOneClosesAndARestartOpensAnother_thenOnlyOpenClientsShowMeters() {
        KafkaClientMeters clients = new KafkaClientMeters();
        try (MetricsServer server = MetricsServer.start(-1);
             KafkaConsumer<byte[], byte[]> first = consumer("worker-0-first");
             KafkaConsumer<byte[], byte[]> restarted = consumer("worker-0-restarted");
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE,
                     ProducerConfig.CLIENT_ID_CONFIG, "worker-0-tx"), new ByteArraySerializer(), new ByteArraySerializer())) {
            clients.opened(first);
            clients.bind(server.service("labeler"));
            clients.opened(producer);
            String bothOpen = server.scrape();

            clients.closing(first);
            clients.opened(restarted);
            String afterRestart = server.scrape();

            assertThat(clientLines(bothOpen, "kafka_consumer_", "worker-0-first")).contains("service=\"labeler\"");
            assertThat(clientLines(bothOpen, "kafka_producer_", "worker-0-tx")).contains("service=\"labeler\"");
            assertThat(clientLines(afterRestart, "kafka_", "worker-0-first")).isEmpty();
            assertThat(clientLines(afterRestart, "kafka_consumer_", "worker-0-restarted")).contains("service=\"labeler\"");
            assertThat(clients.boundClients()).isEqualTo(2);
        }
    }
}
