package medstream.topics.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import medstream.topics.registry.SchemaNotFoundException;
import medstream.topics.registry.SchemaRegistries;
import medstream.topics.registry.SchemaRegistryClient;
import medstream.topics.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a specific record class, resolving the writer schema (by the id
 * in the header) against the class's reader schema, so records written with older or newer
 * compatible schemas decode.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;

    public ConfluentAvroDeserializer(Class<T> type) {
        this.type = type;
        this.readerSchema = AvroSerdes.schemaOf(type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = SchemaRegistries.forUrl(WireFormat.registryUrl(configs), WireFormat.basicAuthUserInfo(configs));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) return null;
        if (data.length < WireFormat.HEADER_LENGTH) {
            throw new WireFormatException(WireFormatException.Kind.TOO_SHORT, topic,
                    data.length + " bytes is shorter than the 5-byte Confluent header", null);
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new WireFormatException(WireFormatException.Kind.BAD_MAGIC_BYTE, topic,
                    String.format("magic byte is 0x%02x, expected 0x00: not Confluent-framed Avro", data[0]), null);
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        SpecificDatumReader<T> reader;
        try {
            reader = readers.computeIfAbsent(id, i -> new SpecificDatumReader<>(registry.getById(i), readerSchema));
        } catch (SchemaNotFoundException e) {
            throw new WireFormatException(WireFormatException.Kind.UNKNOWN_SCHEMA_ID, topic,
                    "schema id " + id + " is not in the registry (wrong registry URL, or foreign bytes?)", e);
        } catch (SchemaRegistryException e) {
            throw new WireFormatException(WireFormatException.Kind.REGISTRY_UNAVAILABLE, topic,
                    "cannot fetch schema id " + id + ": " + e.getMessage(), e);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                    data.length - WireFormat.HEADER_LENGTH, null);
            return reader.read(null, decoder);
        } catch (java.io.IOException | RuntimeException e) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE, topic,
                    "Avro body does not decode as " + type.getSimpleName() + " with writer schema id " + id + ": " + e, e);
        }
    }

    @Override
    public void close() {
        if (registry != null) registry.close();
    }
}
