package medstream.topics.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import medstream.contracts.DeadLetter;
import medstream.topics.TopicCatalog;
import medstream.topics.registry.MockSchemaRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker-side half of {@link DlqProductionExceptionHandler}, which TopologyTestDriver cannot
 * trigger (its producer never refuses a send): called directly with a context as Streams builds it.
 */
class DlqProductionExceptionHandlerTest {
    private String scope;
    private TopicCatalog catalog;
    private DlqProductionExceptionHandler handler;

    @BeforeEach
    void setUp() {
        scope = "production-handler-" + UUID.randomUUID();
        catalog = TopicCatalog.withRegistry(MockSchemaRegistry.SCHEME + scope);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "labeler");
        StreamsErrorHandling.apply(props, catalog);
        Map<String, Object> configs = new HashMap<>();
        props.forEach((k, v) -> configs.put(k.toString(), v));
        handler = new DlqProductionExceptionHandler();
        handler.configure(configs);
    }

    @AfterEach
    void dropScope() { MockSchemaRegistry.dropScope(scope); }

    @Test
    void givenTheBrokerRefusesARecordAsTooLarge_whenHandled_thenResumeWithOneDeadLetterOfTheSourceRecord() {
        byte[] sourceValue = {0x00, 0x00, 0x00, 0x00, 0x07, 0x42};
        ErrorHandlerContext ctx = context("medstream.label.requests", 1, 77L, "k".getBytes(StandardCharsets.UTF_8),
                sourceValue);
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>("medstream.label.results", new byte[2_000_000]);

        Response response = handler.handleError(ctx, refused, new RecordTooLargeException("2000087 bytes > max.request.size"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(catalog.dlq().name());
            assertThat(record.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
            DeadLetter letter = catalog.dlq().valueSerde().deserializer().deserialize(record.topic(), record.value());
            assertThat(letter.getTopic()).isEqualTo("medstream.label.requests");
            assertThat(letter.getPartition()).isEqualTo(1);
            assertThat(letter.getOffset()).isEqualTo(77L);
            assertThat(letter.getInputValue()).isEqualTo(ByteBuffer.wrap(sourceValue));
            assertThat(letter.getErrorClass()).isEqualTo("RecordTooLargeException");
            assertThat(letter.getDescription()).contains("production to medstream.label.results")
                    .contains("max.request.size");
            assertThat(letter.getService()).isEqualTo("labeler");
        });
    }

    @Test
    void givenARetriableBrokerError_whenHandled_thenRetryWithoutADeadLetter() {
        ErrorHandlerContext ctx = context("medstream.label.requests", 0, 1L, null, new byte[] {0x00});

        Response response = handler.handleError(ctx, new ProducerRecord<>("medstream.label.results", new byte[1]),
                new TimeoutException("expired before the leader answered"));

        assertThat(response.result()).isEqualTo(Result.RETRY);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void givenNoDlqTopicConfigured_whenConfigured_thenTheErrorSaysToUseStreamsErrorHandling() {
        DlqProductionExceptionHandler unwired = new DlqProductionExceptionHandler();

        assertThatThrownBy(() -> unwired.configure(Map.of("schema.registry.url", "mock://x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("StreamsErrorHandling.apply");
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset, byte[] key, byte[] value) {
        return new FakeErrorHandlerContext(topic, partition, offset, "label-results-sink", key, value);
    }
}
