package medstream.topics.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import medstream.contracts.RawDocument;
import medstream.topics.TopicCatalog;
import medstream.topics.registry.EmbeddedSchemaRegistryServer;
import medstream.topics.registry.HttpSchemaRegistryClient;
import medstream.topics.registry.IncompatibleSchemaException;
import medstream.topics.registry.SchemaRegistryException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/**
 * A schema registry that cannot be reached says nothing about the record: the handlers fail the task
 * (so the record is read again later) instead of dead-lettering data that is probably fine.
 */
class RegistryOutageTest {

    @Test
    void givenTheRegistryGoesDownMidRun_whenAValidFrameWithAnUncachedIdArrives_thenTheTaskFailsAndItIsNotDeadLettered()
            throws IOException {
        EmbeddedSchemaRegistryServer registry = EmbeddedSchemaRegistryServer.start(0);
        try {
            TopicCatalog catalog = TopicCatalog.withRegistry(registry.url());
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "outage-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            StreamsErrorHandling.apply(props, catalog);
            // Written by another producer process: its schema id is registered, but no client in this JVM has
            // seen it (the HTTP clients of one URL share a cache, so register through a private client).
            RawDocument doc = RawDocument.newBuilder().setId("d1").setSource("s")
                    .setKind("TEXT").setBody("fine").setIngestedAt(Instant.ofEpochMilli(1L)).build();
            int id = new HttpSchemaRegistryClient(registry.url())
                    .register(catalog.rawDocuments().name() + "-value", RawDocument.getClassSchema());
            byte[] valid = frame(id, doc);

            try (TopologyTestDriver driver = new TopologyTestDriver(StreamsDeadLetterTest.topology(catalog), props)) {
                TestInputTopic<String, byte[]> input = driver.createInputTopic(catalog.rawDocuments().name(),
                        new StringSerializer(), new ByteArraySerializer());
                TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(catalog.dlq().name(),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                // A genuinely bad record first, so the handler has registered (and cached) the DeadLetter schema.
                input.pipeInput("bad", new byte[] {0x01, 0x02, 0x03, 0x04, 0x05});
                assertThat(dlq.getQueueSize()).isEqualTo(1);
                dlq.readRecordsToList();

                registry.close();

                assertThatThrownBy(() -> input.pipeInput("valid", valid))
                        .isInstanceOf(StreamsException.class)
                        .hasStackTraceContaining("REGISTRY_UNAVAILABLE");
                assertThat(dlq.isEmpty()).as("the valid record was not dead-lettered").isTrue();
            }
        } finally {
            registry.close();
        }
    }

    @Test
    void givenOutputSerializationFailsOnARegistryOutage_whenHandled_thenFailButAnIncompatibleSchemaIsDeadLettered() {
        DlqProductionExceptionHandler handler = new DlqProductionExceptionHandler();
        Map<String, Object> configs = new HashMap<>();
        configs.put(StreamsConfig.APPLICATION_ID_CONFIG, "outage-test");
        configs.put(DeadLetterRouting.DLQ_TOPIC_CONFIG, "medstream.dlq");
        configs.put("schema.registry.url", "mock://registry-outage-test");
        handler.configure(configs);
        ProducerRecord<String, String> out = new ProducerRecord<>("medstream.stage1.corpus", "k", "v");
        ErrorHandlerContext ctx = new FakeErrorHandlerContext("medstream.stage1.corpus", 0, 5L, "sink", null, new byte[] {0x00});

        ProductionExceptionHandler.Response outage = handler.handleSerializationError(ctx, out,
                new SerializationException("cannot register", new SchemaRegistryException(50001, "unreachable")),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        ProductionExceptionHandler.Response incompatible = handler.handleSerializationError(ctx, out,
                new IncompatibleSchemaException("medstream.stage1.corpus-value", "TYPE_MISMATCH at /fields/1"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

        assertThat(outage.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(outage.deadLetterQueueRecords()).isEmpty();
        assertThat(incompatible.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(incompatible.deadLetterQueueRecords()).hasSize(1);
    }


    private static byte[] frame(int schemaId, RawDocument doc) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(schemaId).array());
        org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().directBinaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<>(RawDocument.class).write(doc, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
