package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Option;
import medstream.topics.TopicCatalog;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema evolution under the default BACKWARD level (a new reader must read data written with the
 * previous schema), decided by Avro's own compatibility rules, on both registries.
 */
class BackwardEvolutionTest {
    private static final String SUBJECT = "medstream.evolution-value";

    private static final Schema V1 = parse("""
            {"type":"record","name":"Sample","namespace":"medstream.test","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"int"}]}""");
    private static final Schema ADDS_FIELD_WITH_DEFAULT = parse("""
            {"type":"record","name":"Sample","namespace":"medstream.test","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"int"},
              {"name":"note","type":["null","string"],"default":null}]}""");
    private static final Schema ADDS_FIELD_WITHOUT_DEFAULT = parse("""
            {"type":"record","name":"Sample","namespace":"medstream.test","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"int"},
              {"name":"note","type":"string"}]}""");
    private static final Schema RETYPES_COUNT_TO_STRING = parse("""
            {"type":"record","name":"Sample","namespace":"medstream.test","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"string"}]}""");
    private static final Schema PROMOTES_COUNT_TO_LONG = parse("""
            {"type":"record","name":"Sample","namespace":"medstream.test","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"long"}]}""");
    private static final Schema REMOVES_COUNT = parse("""
            {"type":"record","name":"Sample","namespace":"medstream.test","fields":[
              {"name":"id","type":"string"}]}""");

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenV1_whenRegisteringAFieldWithADefault_thenItBecomesVersion2(RegistryUnderTest.Kind kind) {
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient client = registry.newClient()) {
            int v1 = client.register(SUBJECT, V1);

            int v2 = client.register(SUBJECT, ADDS_FIELD_WITH_DEFAULT);

            assertThat(v2).isNotEqualTo(v1);
            assertThat(client.compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThat(client.versions(SUBJECT)).containsExactly(1, 2);
            assertThat(client.latest(SUBJECT).schema()).isEqualTo(ADDS_FIELD_WITH_DEFAULT);
            assertThat(client.register(SUBJECT, ADDS_FIELD_WITH_DEFAULT)).as("re-registering is idempotent").isEqualTo(v2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenV1_whenAddingAFieldWithoutDefault_thenRefusedNamingSubjectAndField(RegistryUnderTest.Kind kind) {
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient client = registry.newClient()) {
            client.register(SUBJECT, V1);

            assertThatThrownBy(() -> client.register(SUBJECT, ADDS_FIELD_WITHOUT_DEFAULT))
                    .asInstanceOf(type(IncompatibleSchemaException.class))
                    .satisfies(e -> {
                        assertThat(e.subject()).isEqualTo(SUBJECT);
                        assertThat(e.errorCode()).isEqualTo(409);
                        assertThat(e.getMessage()).contains("\"" + SUBJECT + "\"")
                                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("note");
                    });
            assertThat(client.versions(SUBJECT)).as("the refused schema left no version behind").containsExactly(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenV1_whenChangingAFieldsType_thenRefusedNamingSubjectAndMismatch(RegistryUnderTest.Kind kind) {
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient client = registry.newClient()) {
            client.register(SUBJECT, V1);

            assertThatThrownBy(() -> client.register(SUBJECT, RETYPES_COUNT_TO_STRING))
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("\"" + SUBJECT + "\"")
                    .hasMessageContaining("TYPE_MISMATCH")
                    .hasMessageContaining("/fields/1");
            assertThat(client.testCompatibility(SUBJECT, RETYPES_COUNT_TO_STRING)).singleElement()
                    .asString().contains("TYPE_MISMATCH");
            assertThat(client.latest(SUBJECT).schema()).isEqualTo(V1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenV1_whenPromotingIntToLong_thenAcceptedBecauseAvroReadersPromote(RegistryUnderTest.Kind kind) {
        // Guards against a hand-rolled "any type change is breaking" rule: Avro itself allows int -> long.
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient client = registry.newClient()) {
            client.register(SUBJECT, V1);

            assertThat(client.testCompatibility(SUBJECT, PROMOTES_COUNT_TO_LONG)).isEmpty();
            client.register(SUBJECT, PROMOTES_COUNT_TO_LONG);

            assertThat(client.versions(SUBJECT)).containsExactly(1, 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenV1_whenRemovingAFieldWithoutDefault_thenBackwardAcceptsButForwardRefuses(RegistryUnderTest.Kind kind) {
        // Under BACKWARD the new reader just skips the old field (Confluent: "delete fields" is allowed);
        // it is old readers (FORWARD) that miss it, since "count" has no default to fill in.
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient client = registry.newClient()) {
            client.register(SUBJECT, V1);
            String forwardSubject = "medstream.evolution-forward-value";
            client.register(forwardSubject, V1);
            client.setCompatibility(forwardSubject, CompatibilityLevel.FORWARD);

            client.register(SUBJECT, REMOVES_COUNT);

            assertThat(client.versions(SUBJECT)).containsExactly(1, 2);
            assertThatThrownBy(() -> client.register(forwardSubject, REMOVES_COUNT))
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining(forwardSubject)
                    .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                    .hasMessageContaining("count");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenSubjectSetToNone_whenRegisteringABreakingChange_thenItPassesWhileOtherSubjectsStayBackward(
            RegistryUnderTest.Kind kind) {
        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient client = registry.newClient()) {
            String otherSubject = "medstream.other-value";
            client.register(SUBJECT, V1);
            client.register(otherSubject, V1);

            client.setCompatibility(SUBJECT, CompatibilityLevel.NONE);
            client.register(SUBJECT, RETYPES_COUNT_TO_STRING);

            assertThat(client.compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.NONE);
            assertThat(client.versions(SUBJECT)).containsExactly(1, 2);
            assertThat(client.compatibility(otherSubject)).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThatThrownBy(() -> client.register(otherSubject, RETYPES_COUNT_TO_STRING))
                    .isInstanceOf(IncompatibleSchemaException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RegistryUnderTest.Kind.class)
    void givenDataWrittenWithAnOlderExamQuestionSchema_whenReadWithTheCurrentClass_thenNewFieldsTakeTheirDefaults(
            RegistryUnderTest.Kind kind) throws IOException {
        // An older producer that knew ExamQuestion without language, explanation and subject.
        Schema option = ExamQuestion.getClassSchema().getField("options").schema().getElementType();
        Schema v1 = parse("""
                {"type":"record","name":"ExamQuestion","namespace":"medstream.contracts","fields":[
                  {"name":"id","type":"string"},
                  {"name":"source","type":"string"},
                  {"name":"question","type":"string"},
                  {"name":"options","type":{"type":"array","items":%s}},
                  {"name":"answerKey","type":"string"},
                  {"name":"split","type":"string"}]}""".formatted(option.toString()));
        GenericRecord a = new GenericData.Record(option);
        a.put("key", "A");
        a.put("text", "Aspirin");
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "medqa-usmle:1");
        old.put("source", "medqa-usmle");
        old.put("question", "Which drug inhibits cyclooxygenase irreversibly?");
        old.put("options", List.of(a));
        old.put("answerKey", "A");
        old.put("split", "test");

        try (RegistryUnderTest registry = kind.open(); SchemaRegistryClient client = registry.newClient()) {
            TopicCatalog catalog = TopicCatalog.withRegistry(registry.url());
            String topic = catalog.rawExamQuestions().name();
            int oldId = client.register(topic + "-value", v1);
            byte[] frame = confluentFrame(oldId, old);

            ExamQuestion read = catalog.rawExamQuestions().valueSerde().deserializer().deserialize(topic, frame);

            assertThat(read.getId()).isEqualTo("medqa-usmle:1");
            assertThat(read.getOptions()).containsExactly(new Option("A", "Aspirin"));
            assertThat(read.getLanguage()).isEqualTo("en");
            assertThat(read.getExplanation()).isNull();
            assertThat(read.getSubject()).isNull();
            // and the current contract is itself a BACKWARD-compatible successor of that older one
            catalog.rawExamQuestions().valueSerde().serializer().serialize(topic, read);
            assertThat(client.versions(topic + "-value")).containsExactly(1, 2);
        }
    }

    private static byte[] confluentFrame(int id, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema parse(String json) { return new Schema.Parser().parse(json); }
}
