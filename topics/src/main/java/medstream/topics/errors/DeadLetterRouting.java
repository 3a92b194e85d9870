package medstream.topics.errors;

import java.util.List;
import java.util.Map;
import medstream.contracts.DeadLetter;
import medstream.topics.registry.SchemaRegistryException;
import medstream.topics.serde.ConfluentAvroSerializer;
import medstream.topics.serde.WireFormatException;
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
    private DeadLetterCounter counter;

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
        counter = DeadLetterCounter.from(configs);
    }

    /**
     * Whether a failure means the schema registry is down rather than the record being bad. Such a
     * record is likely fine: dead-lettering it would turn a short outage into lost data, so the handlers
     * fail the task instead and the record is read again once the registry is back.
     */
    static boolean isRegistryOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WireFormatException w && w.kind() == WireFormatException.Kind.REGISTRY_UNAVAILABLE) return true;
            // 5xxxx: unreachable, timed out or failing registry; 404xx and 409 are about the schema itself.
            if (t instanceof SchemaRegistryException r && r.errorCode() >= 50_000) return true;
        }
        return false;
    }

    List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext ctx, byte[] key, byte[] value,
                                                    Exception error, String stage) {
        DeadLetter letter = DeadLetters.stamped(
                DeadLetters.of(service, ctx.topic(), ctx.partition(), ctx.offset(), key, value, error), ctx.timestamp());
        letter.setDescription(stage + " failed at processor " + ctx.processorNodeId() + " on record " + ctx.topic() + "-"
                + ctx.partition() + "@" + ctx.offset() + ": " + letter.getDescription());
        byte[] bytes = serializer.serialize(dlqTopic, letter);
        // Counted when handed to Streams: a transaction that aborts and is retried counts its dead letters again.
        if (counter != null) counter.record(letter.getErrorClass());
        return List.of(DeadLetters.record(dlqTopic, letter, bytes));
    }
}
