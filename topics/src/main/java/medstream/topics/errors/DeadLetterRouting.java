package medstream.topics.errors;

import java.util.List;
import java.util.Map;
import medstream.contracts.DeadLetter;
import medstream.topics.serde.ConfluentAvroSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Shared by the three Streams exception handlers: turns a failure into a serialized
 * {@link DeadLetter} producer record for the DLQ topic. Kafka Streams (KIP-1034) produces the
 * returned records in the task's transaction, so under {@code exactly_once_v2} a dead letter is
 * committed together with the input offset: never lost, never doubled.
 */
final class DeadLetterRouting {
    /** Streams config key naming the DLQ topic (set by {@link StreamsErrorHandling#apply}). */
    static final String DLQ_TOPIC_CONFIG = "medstream.dlq.topic";

    private String dlqTopic;
    private String service;
    private ConfluentAvroSerializer<DeadLetter> serializer;

    void configure(Map<String, ?> configs) {
        Object topic = configs.get(DLQ_TOPIC_CONFIG);
        if (topic == null) {
            throw new IllegalStateException(DLQ_TOPIC_CONFIG + " is not set: configure Streams with "
                    + "StreamsErrorHandling.apply(props, catalog)");
        }
        dlqTopic = topic.toString();
        Object appId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        service = appId == null ? "unknown" : appId.toString();
        serializer = new ConfluentAvroSerializer<>(DeadLetter.class);
        serializer.configure(configs, false);
    }

    List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext ctx, byte[] key, byte[] value,
                                                    Exception error, String stage) {
        DeadLetter letter = DeadLetters.of(service, ctx.topic(), ctx.partition(), ctx.offset(), key, value, error);
        letter.setDescription(stage + " failed at processor " + ctx.processorNodeId() + ": " + letter.getDescription());
        byte[] bytes = serializer.serialize(dlqTopic, letter);
        return List.of(new ProducerRecord<>(dlqTopic, null, key, bytes));
    }
}
