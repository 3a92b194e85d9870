package medstream.cleaning.decon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig.DecontaminationConfig;
import medstream.cleaning.SharedData;

class ContaminationIndexTest {

    private final ContaminationIndex index = new ContaminationIndex(DecontaminationConfig.defaults());

    @Test
    void givenPubMedQaItems_whenADocumentQuotesOneContext_thenTheItemIdIsReturned() {
        Map<String, String> abstracts = SharedData.pubmedQaAbstracts();
        abstracts.forEach((pmid, text) -> index.add("pubmedqa:" + pmid, text, "en"));
        String pmid = abstracts.keySet().stream().skip(123).findFirst().orElseThrow();
        String quoted = abstracts.get(pmid);
        String[] words = quoted.split("\\s+");
        String fragment = String.join(" ", java.util.Arrays.copyOfRange(words, 10, 30));
        String document = "A review of recent trials. " + fragment + " We discuss the implications for practice.";

        assertThat(index.findOverlap(document, "en")).map(ContaminationIndex.Overlap::itemId)
                .contains("pubmedqa:" + pmid);
        assertThat(index.items()).isEqualTo(abstracts.size());
    }

    @Test
    void givenAnUnrelatedDocument_whenChecked_thenNoItemOverlaps() {
        SharedData.pubmedQaAbstracts().forEach((pmid, text) -> index.add("pubmedqa:" + pmid, text, "en"));
        assertThat(index.findOverlap(SharedData.diseaseOntologyDefinitions().get(0) + " "
                + SharedData.diseaseOntologyDefinitions().get(1), "en")).isEmpty();
    }

    @Test
    void givenItemsArrivingOneByOne_whenTheMatchingItemArrivesLater_thenItIsFoundFromThenOn() {
        String item = "which of the following is the most likely diagnosis in a patient with fever rash and joint pain "
                + "after a mosquito bite";
        String doc = "Students ask: which of the following is the most likely diagnosis in a patient with fever rash "
                + "and joint pain after a mosquito bite? Dengue.";
        index.add("medqa:1", "an unrelated question about the kidney and its function in acid base balance", "en");
        assertThat(index.findOverlap(doc, "en")).isEmpty();
        index.add("medqa:2", item, "en");
        assertThat(index.findOverlap(doc, "en")).map(ContaminationIndex.Overlap::itemId).contains("medqa:2");
    }

    @Test
    void givenARemovedItem_whenChecked_thenItNoLongerMatchesAndReAddingRestoresIt() {
        String item = "a sixty year old man presents with crushing chest pain radiating to the left arm and sweating";
        index.add("mmlu:9", item, "en");
        index.remove("mmlu:9");
        assertThat(index.findOverlap("Case: " + item + ".", "en")).isEmpty();
        assertThat(index.items()).isZero();
        index.add("mmlu:9", item, "en");
        assertThat(index.findOverlap("Case: " + item + ".", "en")).isPresent();
    }

    @Test
    void givenAChineseItem_whenADocumentSharesThirteenCharacters_thenItIsContaminated() {
        index.add("cmb:0", "病人男49岁3小时前解大便后出现右下腹疼痛右下腹可触及一包块", "zh");
        assertThat(index.findOverlap("病例:病人,男,49岁,3小时前解大便后出现右下腹疼痛。", "zh"))
                .map(ContaminationIndex.Overlap::itemId).contains("cmb:0");
        assertThat(index.findOverlap("病人右下腹疼痛,可触及包块。", "zh")).isEmpty();
    }

    @Test
    void givenTwelveSharedWords_whenChecked_thenItIsNotEnoughForA13Gram() {
        index.add("x", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen", "en");
        assertThat(index.findOverlap("zero one two three four five six seven eight nine ten eleven twelve", "en")).isEmpty();
        assertThat(index.findOverlap("one two three four five six seven eight nine ten eleven twelve thirteen", "en"))
                .isPresent();
    }
}
