package medstream.labeler.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void givenTheVocExplainTemplate_whenRendered_thenEverySlotIsFilledAndNoBracesRemain() {
        PromptTemplate t = PromptTemplate.load("voc-explain", "v1");

        String text = t.render(Map.of("context", "Aspirin lowered risk.", "question", "Does aspirin help?", "option", "no"));

        assertThat(text).startsWith("Context: Aspirin lowered risk.\nQuestion: Does aspirin help?\n")
                .contains("Assume the answer is \"no\"").endsWith("Explanation:").doesNotContain("{{");
    }

    @Test
    void givenAMissingSlotValue_whenRendered_thenTheErrorNamesTheSlot() {
        PromptTemplate t = PromptTemplate.load("ppl", "v1");

        assertThatThrownBy(() -> t.render(Map.of("context", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{question}}");
    }

    @Test
    void givenAValueWithoutSlot_whenRendered_thenItIsRejected() {
        PromptTemplate t = PromptTemplate.load("ppl", "v1");

        assertThatThrownBy(() -> t.render(Map.of("context", "c", "question", "q", "option", "yes")))
                .hasMessageContaining("no slot");
    }

    @Test
    void givenAnUnknownVersion_whenLoaded_thenTheErrorSaysWhereTemplatesLive() {
        assertThatThrownBy(() -> PromptTemplate.load("ppl", "v999")).hasMessageContaining("prompts/ppl.v999.txt");
    }

    @Test
    void givenTemplates_whenHashed_thenTheHashIsOrderFreeAndChangesWithAnyText() {
        PromptTemplate a = PromptTemplate.load("ppl", "v1");
        PromptTemplate b = PromptTemplate.load("long-answer", "v1");
        PromptTemplate edited = new PromptTemplate("ppl", "v1", a.text() + " ", PromptTemplate.sha256(a.text() + " "));

        assertThat(PromptSet.hash(List.of(a, b))).isEqualTo(PromptSet.hash(List.of(b, a))).hasSize(PromptSet.HASH_PREFIX);
        assertThat(PromptSet.hash(List.of(edited, b))).isNotEqualTo(PromptSet.hash(List.of(a, b)));
        assertThat(PromptSet.hash(List.of(a))).isNotEqualTo(PromptSet.hash(List.of(a, b)));
    }
}
