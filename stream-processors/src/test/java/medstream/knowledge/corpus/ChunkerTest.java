package medstream.knowledge.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import medstream.contracts.CleanDocument;
import medstream.contracts.CorpusText;
import medstream.contracts.Lineage;
import medstream.knowledge.TextUnits;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static CleanDocument doc(String id, String title, String text, String language) {
        return CleanDocument.newBuilder().setId(id).setSource("disease-ontology").setKind("definition").setTitle(title)
                .setText(text).setLanguage(language).setSignals(Map.of()).setPiiReplacements(Map.of())
                .setContentHash("0").setLineage(new Lineage(id, "medstream.raw.documents", 0, 0L)).build();
    }

    // Definitions in the style of DO_rare_slim.obo def: lines.
    private static final String P1 = "Smallpox is a viral infectious disease caused by the variola virus.";   // 11 tokens
    private static final String P2 = "It results in a characteristic rash that spreads over the body.";        // 11 tokens
    private static final String P3 = "It is transmitted by contact and droplet spread.";                        // 8 tokens

    @Test
    void givenParagraphsWithinBudget_whenChunked_thenPackedWholeOnParagraphBoundaries() {
        List<String> chunks = new Chunker(24).chunkText(P1 + "\n\n" + P2 + "\n\n" + P3);

        assertThat(chunks).containsExactly(P1 + "\n\n" + P2, P3);
        assertThat(chunks).allMatch(c -> TextUnits.approxTokens(c) <= 24);
    }

    @Test
    void givenParagraphOverBudget_whenChunked_thenSplitOnSentenceBoundaries() {
        String paragraph = P1 + " " + P2 + " " + P3;

        List<String> chunks = new Chunker(20).chunkText(paragraph);

        assertThat(chunks).containsExactly(P1, P2 + " " + P3);
    }

    @Test
    void givenSentenceOverBudget_whenChunked_thenCutByTokensAndNothingLost() {
        String sentence = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen";

        List<String> chunks = new Chunker(8).chunkText(sentence);

        assertThat(chunks).containsExactly("one two three four five six seven eight",
                "nine ten eleven twelve thirteen fourteen fifteen sixteen", "seventeen eighteen");
    }

    @Test
    void givenChineseText_whenChunked_thenCharactersCountAndSentencesKeptWhole() {
        String zh = "肝动脉瘤可能并发梗阻性黄疸。需要进行腹部平片、彩色多普勒超声等检查。单纯的肝动脉瘤可以进行介入治疗。";

        List<String> chunks = new Chunker(35).chunkText(zh);

        // 13 + 18 + 15 characters: the first two sentences fit 35, the third opens the next chunk
        assertThat(chunks).containsExactly("肝动脉瘤可能并发梗阻性黄疸。需要进行腹部平片、彩色多普勒超声等检查。", "单纯的肝动脉瘤可以进行介入治疗。");
        assertThat(String.join("", chunks)).isEqualTo(zh);
    }

    @Test
    void givenDocument_whenChunked_thenTitleOpensFirstChunkAndIdsAreStableAndIndexed() {
        CleanDocument d = doc("disease-ontology:DOID:8736", "smallpox", P1 + "\n\n" + P2 + "\n\n" + P3, "en");
        Chunker chunker = new Chunker(24);

        List<CorpusText> chunks = chunker.chunk(d);

        assertThat(chunks).extracting(CorpusText::getId).containsExactly(
                "doc-chunk:disease-ontology:DOID:8736#0", "doc-chunk:disease-ontology:DOID:8736#1");
        assertThat(chunks.get(0).getText()).isEqualTo("smallpox\n\n" + P1 + "\n\n" + P2);
        assertThat(chunks.get(0).getApproxTokens()).isEqualTo(23);
        assertThat(chunks).allMatch(c -> c.getSourceKind().equals("DOCUMENT") && c.getOriginIds().equals(List.of(d.getId())));
        assertThat(chunker.chunk(d)).isEqualTo(chunks);
    }

    @Test
    void givenTinyBudget_whenConstructed_thenRejected() {
        assertThatThrownBy(() -> new Chunker(2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8");
    }
}
