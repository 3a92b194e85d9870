package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The {@code _schemas} records {@link KafkaSchemaJournal} writes for registrations, deletes and levels, and the store
 * {@link SchemaJournalReader} rebuilds from them, without a broker: the records go to a list and are replayed in order.
 */
class SchemaJournalReaderTest {
    private static final Schema A1 = record("A", "{\"name\":\"x\",\"type\":\"int\"}");
    private static final Schema A2 = record("A", "{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"y\",\"type\":\"long\",\"default\":0}");
    private static final Schema B1 = record("B", "{\"name\":\"z\",\"type\":\"long\"}");
    private static final Schema C1 = record("C", "{\"name\":\"w\",\"type\":\"double\"}");

    /** One record as the topic would hold it; a null value is a tombstone. */
    private record Written(JsonNode key, JsonNode value) {}

    private final List<Written> topic = new ArrayList<>();
    private final SchemaStore store = new SchemaStore(new KafkaSchemaJournal((key, value) -> topic.add(new Written(key, value))));

    private static Schema record(String name, String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[" + fields + "]}");
    }

    private SchemaStore replayed() {
        SchemaStore restored = new SchemaStore();
        topic.forEach(w -> SchemaJournalReader.apply(w.key(), w.value(), restored));
        return restored;
    }

    /** Everything a client can see: subjects, versions with ids and deleted flags, levels. */
    private static Map<String, Object> state(SchemaStore s) {
        Map<String, Object> out = new TreeMap<>();
        out.put("live subjects", s.subjects());
        out.put("global level", s.compatibility(null));
        for (String subject : s.subjects(true)) {
            List<String> versions = new ArrayList<>();
            for (int v : s.versions(subject, true)) {
                versions.add(v + "=" + s.version(subject, v, true).id() + (s.versions(subject).contains(v) ? "" : " deleted"));
            }
            out.put(subject, versions + " level " + s.ownCompatibility(subject).orElse(null));
        }
        return out;
    }

    @Test
    void givenRegistrationsDeletesAndLevels_whenTheJournalIsReplayed_thenTheRebuiltStoreAnswersTheSame() {
        int a1 = store.register("a-value", A1);
        store.register("a-value", A2);
        int b1 = store.register("b-value", B1);
        int c1 = store.register("c-value", C1);
        store.setCompatibility("a-value", CompatibilityLevel.FULL);
        store.setCompatibility("c-value", CompatibilityLevel.NONE);
        store.setCompatibility("b-value", CompatibilityLevel.FORWARD);
        store.deleteCompatibility("b-value");
        store.setCompatibility(null, CompatibilityLevel.FULL_TRANSITIVE);
        store.deleteVersion("a-value", 1, false);
        store.deleteSubject("b-value", false);
        store.deleteSubject("c-value", false);
        store.deleteSubject("c-value", true);

        SchemaStore restored = replayed();

        assertThat(state(restored)).isEqualTo(state(store));
        assertThat(restored.subjects()).containsExactly("a-value");
        assertThat(restored.getById(a1)).as("a soft-deleted version keeps its schema readable by id").isEqualTo(A1);
        assertThat(restored.getById(b1)).isEqualTo(B1);
        assertThatThrownBy(() -> restored.getById(c1)).isInstanceOf(SchemaNotFoundException.class);
        assertThat(restored.register("c-value", C1)).as("a schema registered again after a permanent delete keeps its id").isEqualTo(c1);
        assertThat(restored.register("d-value", record("D", ""))).as("ids are never reused").isEqualTo(c1 + 1);
    }

    @Test
    void givenDeletes_whenWritten_thenTheRecordsAreConfluents() {
        store.register("a-value", A1);
        store.register("a-value", A2);
        store.setCompatibility("a-value", CompatibilityLevel.NONE);
        topic.clear();

        store.deleteVersion("a-value", 1, false);
        store.deleteVersion("a-value", 1, true);
        store.deleteSubject("a-value", false);
        store.deleteSubject("a-value", true);

        assertThat(topic).extracting(w -> w.key().toString() + " -> " + (w.value() == null ? "null" : w.value().path("deleted").toString()))
                .containsExactly(
                        "{\"keytype\":\"SCHEMA\",\"subject\":\"a-value\",\"version\":1,\"magic\":1} -> true",
                        "{\"keytype\":\"SCHEMA\",\"subject\":\"a-value\",\"version\":1,\"magic\":1} -> null",
                        "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"a-value\",\"magic\":0} -> ",
                        "{\"keytype\":\"SCHEMA\",\"subject\":\"a-value\",\"version\":2,\"magic\":1} -> null",
                        "{\"keytype\":\"CONFIG\",\"subject\":\"a-value\",\"magic\":0} -> null");
        assertThat(topic.get(2).value().toString()).isEqualTo("{\"subject\":\"a-value\",\"version\":2}");
    }

    @Test
    void givenASubjectDeletedThenRegisteredAgain_whenReplayed_thenOnlyTheVersionsBeforeTheDeleteAreDeleted() {
        int a1 = store.register("a-value", A1);
        store.deleteSubject("a-value", false);
        store.register("a-value", A1);

        SchemaStore restored = replayed();

        assertThat(restored.versions("a-value")).containsExactly(2);
        assertThat(restored.versions("a-value", true)).containsExactly(1, 2);
        assertThat(restored.latest("a-value").id()).as("the same schema, the same id").isEqualTo(a1);
    }
}
