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
import medstream.cleaning.SharedData;
import medstream.cleaning.bench.BenchCorpus;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.text.Stripper;
import medstream.contracts.RawDocument;

/**
 * The index that looks n-grams up in text order behind a Bloom filter must answer exactly as the implementation it
 * replaced ({@link LegacyContaminationIndex}: sorted distinct n-grams, no filter), on real documents of which many
 * quote an evaluation item, with items removed and re-added, for one and for several required overlaps.
 */
class ContaminationIndexEquivalenceTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void givenRealItemsAndDocuments_whenCheckedByBothImplementations_thenTheAnswersAreIdentical(int minOverlaps) {
        DecontaminationConfig config = new DecontaminationConfig(13, 13, minOverlaps);
        ContaminationIndex current = new ContaminationIndex(config);
        LegacyContaminationIndex legacy = new LegacyContaminationIndex(config);
        Map<String, String> abstracts = SharedData.pubmedQaAbstracts();
        abstracts.forEach((pmid, text) -> {
            current.add("pqal:" + pmid, text, "en");
            legacy.add("pqal:" + pmid, text, "en");
        });
        List<String> cases = SharedData.cmbClinCases();
        for (int i = 0; i < cases.size(); i++) {
            current.add("cmb:" + i, cases.get(i), "zh");
            legacy.add("cmb:" + i, cases.get(i), "zh");
        }
        // Tombstones, and an item re-added after its tombstone.
        List<String> pmids = new ArrayList<>(abstracts.keySet());
        for (int i = 0; i < 40; i++) {
            current.remove("pqal:" + pmids.get(i * 7));
            legacy.remove("pqal:" + pmids.get(i * 7));
        }
        current.add("pqal:" + pmids.get(0), abstracts.get(pmids.get(0)), "en");
        legacy.add("pqal:" + pmids.get(0), abstracts.get(pmids.get(0)), "en");
        assertThat(current.items()).isEqualTo(legacy.items());

        CleaningConfig defaults = CleaningConfig.defaults();
        Stripper stripper = new Stripper(defaults.strip());
        int contaminated = 0;
        int checked = 0;
        for (RawDocument doc : BenchCorpus.load(SharedData.root()).documents(3_000, 7L)) {
            String text = stripper.strip(Normaliser.normalise(doc.getBody())).text();
            for (String asLanguage : List.of("en", "zh")) {
                Optional<ContaminationIndex.Overlap> expected = legacy.findOverlap(text, asLanguage);
                assertThat(current.findOverlap(text, asLanguage)).as("%s document %s", asLanguage, doc.getId())
                        .isEqualTo(expected);
                contaminated += expected.isPresent() ? 1 : 0;
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6_000);
        // Many bench documents quote PQA-L abstracts: the comparison covered hits, not only misses.
        assertThat(contaminated).isGreaterThan(300);
    }
}
