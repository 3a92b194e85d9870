package medstream.cleaning.decon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.CleaningConfig.DecontaminationConfig;
import medstream.cleaning.GoldenFile;
import medstream.cleaning.MixedDocuments;
import medstream.cleaning.SharedData;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.text.Stripper;
import medstream.contracts.RawDocument;

/**
 * Cleaning's answers on real documents, of which many quote an evaluation item, with items removed and re-added, for
 * one and for several required overlaps, against {@code golden/contamination-min<N>.tsv}: one line per (document,
 * language) that overlaps an item, naming the item and the shared n-grams; every other pair overlaps none. Recorded
 * from the index that had been proven equal to the sorted-n-gram implementation it replaced.
 */
class ContaminationIndexGoldenTest {

    private static final int DOCUMENTS = 3_000;

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void givenRealItemsAndDocuments_whenChecked_thenTheOverlapsAreTheRecordedOnes(int minOverlaps) {
        ContaminationIndex index = new ContaminationIndex(new DecontaminationConfig(13, 13, minOverlaps));
        Map<String, String> abstracts = SharedData.pubmedQaAbstracts();
        abstracts.forEach((pmid, text) -> index.add("pqal:" + pmid, text, "en"));
        List<String> cases = SharedData.cmbClinCases();
        for (int i = 0; i < cases.size(); i++) {
            index.add("cmb:" + i, cases.get(i), "zh");
        }
        // Tombstones, and an item re-added after its tombstone.
        List<String> pmids = new ArrayList<>(abstracts.keySet());
        for (int i = 0; i < 40; i++) {
            index.remove("pqal:" + pmids.get(i * 7));
        }
        index.add("pqal:" + pmids.get(0), abstracts.get(pmids.get(0)), "en");
        assertThat(index.items()).isEqualTo(abstracts.size() + cases.size() - 39);

        Stripper stripper = new Stripper(CleaningConfig.defaults().strip());
        List<String> lines = new ArrayList<>();
        for (RawDocument doc : MixedDocuments.of(DOCUMENTS, 7L)) {
            String text = stripper.strip(Normaliser.normalise(doc.getBody())).text();
            for (String asLanguage : List.of("en", "zh")) {
                Optional<ContaminationIndex.Overlap> overlap = index.findOverlap(text, asLanguage);
                overlap.ifPresent(o -> lines.add(doc.getId() + " " + asLanguage + "\t" + o.itemId() + "\t" + o.sharedNgrams()));
            }
        }
        // Many bench documents quote PQA-L abstracts: the golden holds hits, not only misses.
        assertThat(lines.size()).isGreaterThan(minOverlaps == 1 ? 300 : 100);
        GoldenFile.check("contamination-min" + minOverlaps + ".tsv", lines);
    }
}
