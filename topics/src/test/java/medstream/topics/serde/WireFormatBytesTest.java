package medstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import medstream.contracts.RawDocument;
import medstream.contracts.TrainTrigger;
import medstream.topics.registry.MockSchemaRegistry;
import medstream.topics.registry.SchemaRegistryClient;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The serializer's bytes against bytes written out by hand from two specs: the Confluent wire format
 * (magic byte 0x00, schema id as a 4-byte big-endian int) and the Avro binary encoding (ints and longs
 * as zig-zag varints, strings as a zig-zag varint byte length plus UTF-8, unions as the zig-zag branch
 * index then the value, maps as blocks of count + entries ended by a 0 block). If these pass, tools
 * that read Confluent-framed Avro read our topics.
 */
class WireFormatBytesTest {
    private static final String TOPIC = "medstream.wire";

    private String scope;
    private String url;

    @BeforeEach
    void freshScope() {
        scope = "wire-bytes-" + UUID.randomUUID();
        url = MockSchemaRegistry.SCHEME + scope;
        // Take ids 1..257 so the record under test gets id 258 = 0x00000102: a one-byte id could not
        // tell big-endian from little-endian.
        SchemaRegistryClient registry = MockSchemaRegistry.forUrl(url);
        for (int i = 1; i <= 257; i++) {
            registry.register("filler-" + i, SchemaBuilder.record("Filler" + i).fields().endRecord());
        }
    }

    @AfterEach
    void dropScope() { MockSchemaRegistry.dropScope(scope); }

    @Test
    void givenTrainTrigger_whenSerialized_thenBytesAreTheHandEncodedConfluentFrame() {
        TrainTrigger trigger = TrainTrigger.newBuilder()
                .setStage(3)
                .setReason("manual")
                .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();

        byte[] actual = serialize(TrainTrigger.class, trigger);

        byte[] expected = bytes(
                0x00,                               // magic byte
                0x00, 0x00, 0x01, 0x02,             // schema id 258, big-endian int32
                0x06,                               // stage: int 3 -> zig-zag 6
                0x0C,                               // reason: length 6 -> zig-zag 12
                0x6D, 0x61, 0x6E, 0x75, 0x61, 0x6C, //   "manual" in UTF-8
                // requestedAt: timestamp-millis long 1_700_000_000_000 -> zig-zag 3_400_000_000_000
                // = 0x317_9FCA_D000; 7-bit groups low first 0x00,0x20,0x2B,0x7E,0x79,0x62, high bit on all but the last
                0x80, 0xA0, 0xAB, 0xFE, 0xF9, 0x62);
        assertThat(actual).containsExactly(expected);
    }

    @Test
    void givenRawDocumentWithUnionsMapAndMultiByteText_whenSerialized_thenBytesAreTheHandEncodedConfluentFrame() {
        RawDocument doc = RawDocument.newBuilder()
                .setId("d:1")
                .setSource("pqa")
                .setKind("TEXT")
                .setLanguage(null)
                .setTitle("Tä")
                .setBody("x")
                .setMetadata(Map.of("k", "v"))
                .setIngestedAt(Instant.ofEpochMilli(-1))
                .build();

        byte[] actual = serialize(RawDocument.class, doc);

        byte[] expected = bytes(
                0x00,                         // magic byte
                0x00, 0x00, 0x01, 0x02,       // schema id 258, big-endian int32
                0x06, 0x64, 0x3A, 0x31,       // id: length 3 (zig-zag 6), "d:1"
                0x06, 0x70, 0x71, 0x61,       // source: length 3, "pqa"
                0x08, 0x54, 0x45, 0x58, 0x54, // kind: length 4 (zig-zag 8), "TEXT"
                0x00,                         // language: union ["null","string"], branch 0 (null), no value
                0x02,                         // title: union branch 1 (string), zig-zag 2
                0x06, 0x54, 0xC3, 0xA4,       //   length 3 BYTES (not 2 chars): "T", "ä" = C3 A4 in UTF-8
                0x02, 0x78,                   // body: length 1, "x"
                0x02,                         // metadata: one block of 1 entry (zig-zag 2)
                0x02, 0x6B,                   //   key "k"
                0x02, 0x76,                   //   value "v"
                0x00,                         //   end of map: a block of 0 entries
                0x01);                        // ingestedAt: long -1 -> zig-zag 1
        assertThat(actual).containsExactly(expected);
    }

    @Test
    void givenHandEncodedFrame_whenDeserialized_thenTheRecordComesBack() {
        // Bytes from the first test, read back: the deserializer accepts what the spec says, not only what our
        // serializer happens to write.
        MockSchemaRegistry.forUrl(url).register(TOPIC + "-value", AvroSerdes.schemaOf(TrainTrigger.class));
        byte[] frame = bytes(0x00, 0x00, 0x00, 0x01, 0x02, 0x06, 0x0C, 0x6D, 0x61, 0x6E, 0x75, 0x61, 0x6C,
                0x80, 0xA0, 0xAB, 0xFE, 0xF9, 0x62);

        try (Serde<TrainTrigger> serde = AvroSerdes.specific(TrainTrigger.class, false, AvroSerdes.config(url))) {
            TrainTrigger read = serde.deserializer().deserialize(TOPIC, frame);

            assertThat(read.getStage()).isEqualTo(3);
            assertThat(read.getReason()).isEqualTo("manual");
            assertThat(read.getRequestedAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        }
    }

    private <T extends SpecificRecord> byte[] serialize(Class<T> type, T value) {
        try (Serde<T> serde = AvroSerdes.specific(type, false, AvroSerdes.config(url))) {
            return serde.serializer().serialize(TOPIC, value);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }
}
