package medstream.topics.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** A store answers only what its journal holds, and a store rebuilt from the journal answers the same. */
class SchemaStoreJournalTest {
    private static final Schema A = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    private static final Schema B = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"y\",\"type\":\"long\"}]}");

    /** Keeps what it is given, or refuses everything (a broker that is down). */
    private static final class ListJournal implements SchemaJournal {
        final List<SchemaRegistryClient.RegisteredSchema> schemas = new ArrayList<>();
        boolean down;

        @Override
        public void schemaRegistered(SchemaRegistryClient.RegisteredSchema schema) {
            refuseIfDown();
            schemas.add(schema);
        }

        @Override
        public void versionSoftDeleted(SchemaRegistryClient.RegisteredSchema schema) { refuseIfDown(); }

        @Override
        public void versionPermanentlyDeleted(String subject, int version) { refuseIfDown(); }

        @Override
        public void subjectSoftDeleted(String subject, int upToVersion) { refuseIfDown(); }

        @Override
        public void compatibilitySet(String subject, CompatibilityLevel level) { refuseIfDown(); }

        @Override
        public void compatibilityDeleted(String subject) { refuseIfDown(); }

        private void refuseIfDown() {
            if (down) throw new SchemaRegistryException(50001, "journal down");
        }
    }

    @Test
    void givenAJournalThatFails_whenRegistering_thenTheCallFailsAndTheStoreKnowsNothingOfIt() {
        ListJournal journal = new ListJournal();
        SchemaStore store = new SchemaStore(journal);
        journal.down = true;

        assertThatThrownBy(() -> store.register("a-value", A)).isInstanceOf(SchemaRegistryException.class);
        assertThat(store.subjects()).isEmpty();
        journal.down = false;
        assertThat(store.register("a-value", A)).as("the failed call used no id").isEqualTo(1);
    }

    @Test
    void givenTheJournalOfAStore_whenRestoringAnotherStoreFromIt_thenIdsAndVersionsMatchAndNewIdsContinue() {
        ListJournal journal = new ListJournal();
        SchemaStore store = new SchemaStore(journal);
        int a = store.register("a-value", A);
        store.setCompatibility("a-value", CompatibilityLevel.NONE); // B is unrelated to A: a second version only without checks
        int bUnderA = store.register("a-value", B);
        int bUnderB = store.register("b-value", B);

        SchemaStore restored = new SchemaStore();
        journal.schemas.forEach(s -> restored.restoreSchema(s, false));

        assertThat(restored.version("a-value", 1).id()).isEqualTo(a);
        assertThat(restored.version("a-value", 2).id()).isEqualTo(bUnderA);
        assertThat(restored.latest("b-value").id()).isEqualTo(bUnderB).isEqualTo(bUnderA);
        Schema c = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"C\",\"fields\":[]}");
        assertThat(restored.register("c-value", c)).isEqualTo(Math.max(a, bUnderA) + 1);
    }
}
