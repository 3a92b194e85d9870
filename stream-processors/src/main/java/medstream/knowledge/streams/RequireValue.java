package medstream.knowledge.streams;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step after every knowledge source: a record without a value (a tombstone on a topic that takes no deletes)
 * fails here with a reason that names the record and what was expected, and the processing exception handler turns
 * it into a dead letter; without it the first rewriter failed with a bare NullPointerException.
 *
 * @param <V> the source's value type
 */
final class RequireValue<V> implements FixedKeyProcessor<String, V, V> {
    private final Class<V> expected;
    private FixedKeyProcessorContext<String, V> context;

    RequireValue(Class<V> expected) {
        this.expected = expected;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        if (record.value() == null) {
            String where = context.recordMetadata().map(RequireValue::coordinates).orElse("a record");
            throw new MissingValueException(where + " (key " + record.key() + ") has a null value (a tombstone): expected a "
                    + expected.getSimpleName() + " in the Confluent Avro wire format; this topic takes no deletes, so fix "
                    + "the producer that wrote it");
        }
        context.forward(record);
    }

    private static String coordinates(RecordMetadata m) {
        return "record " + m.topic() + "-" + m.partition() + "@" + m.offset();
    }

    /** A record that carries no value where the topology needs one; its dead letters count under this class. */
    static final class MissingValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MissingValueException(String message) {
            super(message);
        }
    }
}
