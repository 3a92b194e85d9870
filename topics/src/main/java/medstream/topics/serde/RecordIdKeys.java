package medstream.topics.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The key serde of the raw topics: UTF-8 strings, like every key, but reading a record without a key fails. A raw
 * record's key is its stable id; without it the same id can land on two partitions (no order between its versions)
 * and re-ingestion is no longer idempotent, so a keyless record from a foreign producer is dead-lettered by the
 * Streams apps' deserialization handler instead of being curated.
 */
public final class RecordIdKeys {
    private RecordIdKeys() { }

    /** A record read without a key. */
    public static final class MissingKeyException extends SerializationException {
        MissingKeyException(String topic) {
            super("record on " + topic + " has no key: expected its stable record id (<source>:<native id>) as the key;"
                    + " produce it with the id as key (as ingest does)");
        }
    }

    /** Strings out, strings in; a null key in fails with {@link MissingKeyException}. */
    public static Serde<String> serde() {
        StringDeserializer strings = new StringDeserializer();
        Deserializer<String> required = (topic, data) -> {
            if (data == null) throw new MissingKeyException(topic);
            return strings.deserialize(topic, data);
        };
        return Serdes.serdeFrom(new StringSerializer(), required);
    }
}
