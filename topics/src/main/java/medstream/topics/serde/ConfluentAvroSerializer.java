package medstream.topics.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import medstream.topics.registry.SchemaRegistries;
import medstream.topics.registry.SchemaRegistryClient;
import medstream.topics.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format, registering the writer schema under the
 * TopicNameStrategy subject ({@code <topic>-key} / {@code <topic>-value}) on first use per topic, or,
 * with {@code auto.register.schemas=false}, looking up the id that schema already has there.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final Class<T> type;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;

    public ConfluentAvroSerializer(Class<T> type) {
        this.type = type;
        this.schema = AvroSerdes.schemaOf(type);
        this.writer = new SpecificDatumWriter<>(schema);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.registry = SchemaRegistries.forUrl(WireFormat.registryUrl(configs), WireFormat.basicAuthUserInfo(configs));
        Object auto = configs.get(WireFormat.AUTO_REGISTER_CONFIG);
        this.autoRegister = auto == null || Boolean.parseBoolean(String.valueOf(auto));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) return null;
        if (registry == null) {
            throw new IllegalStateException("Serializer for " + type.getSimpleName() + " used before configure(): "
                    + "pass schema.registry.url");
        }
        int id;
        try {
            // Without auto-registration, look up this class's own schema: the subject's latest version may be
            // a newer one, and its id on our bytes would make readers decode them with the wrong schema.
            id = idByTopic.computeIfAbsent(topic, t -> {
                String subject = t + (isKey ? "-key" : "-value");
                return autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
            });
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for " + type.getSimpleName() + " under subject "
                    + topic + (isKey ? "-key" : "-value") + (autoRegister ? "" : " (auto.register.schemas=false: "
                    + "register the schema first)") + ": " + e.getMessage(), e);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(WireFormat.MAGIC_BYTE);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + type.getSimpleName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (registry != null) registry.close();
    }
}
