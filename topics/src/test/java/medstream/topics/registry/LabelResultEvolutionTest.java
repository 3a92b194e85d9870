package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import medstream.contracts.Decision;
import medstream.contracts.LabelResult;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LabelResult gained {@code votes} and {@code lfSetHash} (issue 13, weak supervision); results written before must
 * still be read, and the registries must accept the new version under BACKWARD.
 */
class LabelResultEvolutionTest {
    private static final String SUBJECT = "medstream.label-result-evolution-value";

    /** LabelResult as it was before the votes (a copy kept in test resources). */
    static Schema before() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(Decision.getClassSchema().toString()); // the named enum the old record refers to
        try (InputStream in = LabelResultEvolutionTest.class.getResourceAsStream("/schemas-before/LabelResult.v1.avsc")) {
            return parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void givenAResultWrittenBeforeVotes_whenReadWithTheCurrentSchema_thenVotesAreEmptyAndTheHashBlank() throws IOException {
        Schema v1 = before();
        GenericRecord old = new GenericData.Record(v1);
        old.put("requestId", "r1");
        old.put("label", "yes");
        old.put("confidence", 0.9);
        old.put("decision", new GenericData.EnumSymbol(v1.getField("decision").schema(), "ACCEPT"));
        old.put("strategy", "voc");
        old.put("optionScores", Map.of("yes", 0.9));
        old.put("explanations", List.of());
        old.put("promptTemplateHash", "h");
        old.put("modelVersion", "s3-v0001");
        old.put("reason", null);
        old.put("device", "cpu");
        old.put("labeledAt", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(v1).write(old, enc);
        enc.flush();

        LabelResult read = new SpecificDatumReader<LabelResult>(v1, LabelResult.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(LabelResult.getClassSchema(), v1).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(read.getRequestId()).isEqualTo("r1");
        assertThat(read.getVotes()).isEmpty();
        assertThat(read.getLfSetHash()).isEqualTo("");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenTheSchemaBeforeVotesRegistered_whenTheCurrentOneIsRegistered_thenItBecomesVersion2(RegistryUnderTest.Kind kind)
            throws IOException {
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient client = registry.newClient()) {
            client.register(SUBJECT, before());

            int v2 = client.register(SUBJECT, LabelResult.getClassSchema());

            assertThat(client.versions(SUBJECT)).containsExactly(1, v2);
        }
    }
}
