package medstream.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import medstream.contracts.DeadLetter;
import medstream.contracts.RawDocument;
import medstream.topics.serde.AvroSerdes;
import medstream.topics.serde.RecordIdKeys;
import org.junit.jupiter.api.Test;

/** The catalog is the one place topic names, layouts and serdes come from. */
class TopicCatalogTest {
    private static final String REGISTRY = "mock://topic-catalog-test";

    @Test
    void givenTheDefaultCatalog_whenListingTopics_thenEveryNameIsPrefixedUniqueAndAValidKafkaName() {
        TopicCatalog catalog = TopicCatalog.withRegistry(REGISTRY);

        List<String> names = catalog.all().stream().map(Topic::name).toList();

        assertThat(names).isNotEmpty().doesNotHaveDuplicates();
        assertThat(names).allSatisfy(n -> assertThat(n).startsWith(TopicCatalog.DEFAULT_PREFIX)
                .matches("[a-zA-Z0-9._-]{1,249}"));
        assertThat(catalog.all()).allSatisfy(t -> {
            assertThat(t.name()).isEqualTo(TopicCatalog.DEFAULT_PREFIX + t.logicalName());
            assertThat(t.partitions()).isPositive();
        });
        assertThat(catalog.all().stream().map(Topic::logicalName)).doesNotHaveDuplicates();
        assertThat(catalog.dlq().name()).isEqualTo("medstream.dlq");
    }

    @Test
    void givenACustomPrefix_whenBuilt_thenItAppliesToEveryTopicAndLookup() {
        TopicCatalog catalog = new TopicCatalog("acme.test.", 3, AvroSerdes.config(REGISTRY));

        assertThat(catalog.prefix()).isEqualTo("acme.test.");
        assertThat(catalog.all()).allSatisfy(t -> assertThat(t.name()).isEqualTo("acme.test." + t.logicalName()));
        assertThat(catalog.all()).noneSatisfy(t -> assertThat(t.name()).contains(TopicCatalog.DEFAULT_PREFIX));
        assertThat(catalog.rawDocuments().name()).isEqualTo("acme.test.raw.documents");
        assertThat(catalog.rawDocuments().partitions()).isEqualTo(3);
        assertThat(catalog.byName("acme.test.dlq")).containsSame(catalog.dlq());
        assertThat(catalog.byName("medstream.dlq")).isEmpty();
        assertThat(catalog.names()).containsEntry("raw.documents", "acme.test.raw.documents")
                .hasSize(catalog.all().size());
    }

    @Test
    void givenARecordWithoutAKey_whenItsKeyIsRead_thenRawTopicsRefuseItAndOtherTopicsReadNull() {
        TopicCatalog catalog = TopicCatalog.withRegistry(REGISTRY);

        assertThat(catalog.all()).filteredOn(t -> t.logicalName().startsWith("raw.")).hasSize(5).allSatisfy(t ->
                assertThatThrownBy(() -> t.keySerde().deserializer().deserialize(t.name(), null))
                        .isInstanceOf(RecordIdKeys.MissingKeyException.class)
                        .hasMessageContaining(t.name()).hasMessageContaining("expected its stable record id"));
        assertThat(catalog.rawQaPairs().keySerde().deserializer().deserialize("t", "medquad:1".getBytes(StandardCharsets.UTF_8))).isEqualTo("medquad:1");
        assertThat(catalog.dlq().keySerde().deserializer().deserialize(catalog.dlq().name(), null)).isNull();
    }

    @Test
    void givenTheCatalog_whenAskingCleanupPolicies_thenOnlyEvalItemsModelVersionsAndLabelResultsAreCompacted() {
        TopicCatalog catalog = TopicCatalog.withRegistry(REGISTRY);

        Set<String> compacted = catalog.all().stream().filter(t -> t.cleanup() == Topic.Cleanup.COMPACT)
                .map(Topic::logicalName).collect(Collectors.toSet());

        // label.results: a request labeled again by a newer model version is a new value of its key, not a duplicate.
        assertThat(compacted).containsExactlyInAnyOrder("eval.items", "model.versions", "label.results");
        assertThat(Topic.Cleanup.COMPACT.configValue()).isEqualTo("compact");
        assertThat(Topic.Cleanup.DELETE.configValue()).isEqualTo("delete");
    }

    @Test
    void givenTheCatalog_whenReadingSerdes_thenKeysAreStringsAndValuesAreTheDeclaredAvroTypes() {
        TopicCatalog catalog = TopicCatalog.withRegistry(REGISTRY);

        assertThat(catalog.rawDocuments().valueType()).isEqualTo(RawDocument.class);
        assertThat(catalog.dlq().valueType()).isEqualTo(DeadLetter.class);
        assertThat(catalog.all()).allSatisfy(t -> {
            assertThat(t.keySerde().serializer().serialize(t.name(), "k")).containsExactly('k');
            assertThat(t.valueType().getPackageName()).isEqualTo("medstream.contracts");
        });
        assertThat(catalog.serdeConfig().get("schema.registry.url")).isEqualTo(REGISTRY);
    }
}
