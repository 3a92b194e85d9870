package medstream.cleaning.decon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import medstream.contracts.EvalItem;
import medstream.contracts.Option;

/** Knowledge's scheme of the one contamination index ({@link ContaminationIndex.Scheme#STAGE_RECORDS}). */
class StageRecordContaminationTest {

    private static final String THIRTEEN = "sixty year old man presents with crushing chest pain radiating to the left";

    private final ContaminationIndex index = ContaminationIndex.forStageRecords();

    @Test
    void givenAnItem_whenARecordSharesThirteenWordsOfItsQuestionInAnotherCase_thenItIsContaminatedByThatItem() {
        index.addOnce(item("medqa:1", THIRTEEN + " arm", "en"));
        assertThat(overlap("Case. " + THIRTEEN.toUpperCase(java.util.Locale.ROOT) + "!")).contains("medqa:1");
    }

    @Test
    void givenAnItem_whenARecordSharesOnlyTwelveWords_thenItIsClean() {
        index.addOnce(item("medqa:1", THIRTEEN, "en"));
        assertThat(overlap(THIRTEEN.substring(0, THIRTEEN.lastIndexOf(' ')) + " leg")).isEmpty();
    }

    @Test
    void givenAnItemsOptionText_whenARecordQuotesIt_thenItIsContaminated() {
        EvalItem withOption = EvalItem.newBuilder(item("mmlu:3", "Which?", "en"))
                .setOptions(List.of(new Option("A", THIRTEEN))).build();
        index.addOnce(withOption);
        assertThat(overlap("We read that " + THIRTEEN + ".")).contains("mmlu:3");
    }

    @Test
    void givenAChineseItemWithoutSpaces_whenARecordQuotesThirteenOfItsCharacters_thenEachCharacterCountsAsAWord() {
        String item = "患者男性六十岁因胸痛伴左臂放射痛三小时入院";
        index.addOnce(item("cmb:1", item, "zh"));
        // The language is never consulted: a stage record carries none.
        assertThat(overlap("病例：" + item.substring(2, 15) + "。")).contains("cmb:1");
        assertThat(overlap("病例：" + item.substring(2, 14) + "。")).isEmpty();
    }

    @Test
    void givenTwoOverlappedItems_whenChecked_thenTheOneOwningTheFirstSharedGramInTextOrderIsNamed() {
        String second = "the kidney regulates acid base balance by excreting hydrogen ions and reabsorbing bicarbonate today";
        index.addOnce(item("medqa:b", second, "en"));
        index.addOnce(item("medqa:a", THIRTEEN, "en"));
        assertThat(overlap(THIRTEEN + ". Also " + second)).contains("medqa:a");
        assertThat(overlap(second + ". Also " + THIRTEEN)).contains("medqa:b");
    }

    @Test
    void givenAnItemAddedTwice_whenItsTextChanged_thenTheFirstTextIsKept() {
        index.addOnce(item("medqa:1", THIRTEEN, "en"));
        index.addOnce(item("medqa:1", "an unrelated question about the kidney and its function in acid base balance", "en"));
        assertThat(index.items()).isEqualTo(1);
        assertThat(overlap(THIRTEEN)).contains("medqa:1");
        assertThat(overlap("an unrelated question about the kidney and its function in acid base balance")).isEmpty();
    }

    private Optional<String> overlap(String text) {
        return index.findOverlap(text, null).map(ContaminationIndex.Overlap::itemId);
    }

    private static EvalItem item(String id, String question, String language) {
        return EvalItem.newBuilder().setId(id).setBenchmark("medqa").setSplit("test").setQuestion(question)
                .setLanguage(language).build();
    }
}
