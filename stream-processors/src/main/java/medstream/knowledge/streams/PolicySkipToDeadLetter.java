package medstream.knowledge.streams;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import medstream.contracts.DeadLetter;
import medstream.topics.errors.DeadLetters;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns a record that a policy chose not to use (not an error: e.g. a QA pair published without an
 * answer) into a dead letter whose error class is the policy's reason code, with the input's
 * coordinates and bytes, so nothing is dropped silently and the summary counts skips per reason.
 *
 * @param <V> the input value type
 */
final class PolicySkipToDeadLetter<V> implements FixedKeyProcessor<String, V, DeadLetter> {
    private final Serializer<V> valueSerializer;
    private final Function<V, String> reasonCode;
    private final Function<V, String> description;
    private FixedKeyProcessorContext<String, DeadLetter> context;

    PolicySkipToDeadLetter(Serializer<V> valueSerializer, Function<V, String> reasonCode, Function<V, String> description) {
        this.valueSerializer = valueSerializer;
        this.reasonCode = reasonCode;
        this.description = description;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, DeadLetter> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? "unknown" : meta.topic();
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = valueSerializer.serialize(topic, record.value());
        DeadLetter letter = DeadLetters.of(context.applicationId(), topic, meta == null ? -1 : meta.partition(),
                meta == null ? -1L : meta.offset(), key, value, reasonCode.apply(record.value()),
                description.apply(record.value()), null);
        context.forward(record.withValue(letter));
    }
}
