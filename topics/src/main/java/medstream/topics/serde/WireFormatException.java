package medstream.topics.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a valid Confluent-framed Avro record: wrong magic byte, too short, an unknown
 * schema id or an Avro body that does not decode. Kafka wraps it with the record's coordinates
 * ({@link org.apache.kafka.common.errors.RecordDeserializationException} in consumers, the
 * {@code DeserializationExceptionHandler} context in Streams), and our handlers put those
 * coordinates into the dead letter.
 */
public class WireFormatException extends SerializationException {
    /** What was wrong with the bytes. */
    public enum Kind { BAD_MAGIC_BYTE, TOO_SHORT, UNKNOWN_SCHEMA_ID, UNDECODABLE, REGISTRY_UNAVAILABLE }

    private final Kind kind;
    private final String topic;

    public WireFormatException(Kind kind, String topic, String message, Throwable cause) {
        super("[" + kind + "] topic " + topic + ": " + message, cause);
        this.kind = kind;
        this.topic = topic;
    }

    public Kind kind() { return kind; }
    public String topic() { return topic; }
}
