package medstream.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import medstream.topics.serde.AvroSerdes;
import org.junit.jupiter.api.Test;

class TopicContractTest {

    private static final TopicCatalog CATALOG = new TopicCatalog("p.", 2, AvroSerdes.config("mock://topic-contract"));
    private static final TopicContract LABELER = new TopicContract("labeler",
            List.of(TopicCatalog::labelRequests), List.of(TopicCatalog::labelResults, TopicCatalog::dlq));

    @Test
    void givenAContract_whenResolvedInACatalog_thenItsTopicsComeInDeclarationOrder() {
        assertThat(LABELER.inputs(CATALOG)).containsExactly(CATALOG.labelRequests());
        assertThat(LABELER.outputs(CATALOG)).containsExactly(CATALOG.labelResults(), CATALOG.dlq());
    }

    @Test
    void givenADeclaredTopic_whenTheAppAsksForIt_thenItGetsTheCatalogsTopic() {
        assertThat(LABELER.input(CATALOG, TopicCatalog::labelRequests)).isSameAs(CATALOG.labelRequests());
        assertThat(LABELER.output(CATALOG, TopicCatalog::dlq).name()).isEqualTo("p.dlq");
    }

    @Test
    void givenAnUndeclaredTopic_whenTheAppAsksForIt_thenItFailsNamingTheTopicAndTheContract() {
        assertThatThrownBy(() -> LABELER.output(CATALOG, TopicCatalog::labelReview))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("labeler writes p.label.review")
                .hasMessageContaining("docs/ARCHITECTURE.md");
        // Declared as an output is not declared as an input.
        assertThatThrownBy(() -> LABELER.input(CATALOG, TopicCatalog::labelResults))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("labeler reads p.label.results");
    }
}
