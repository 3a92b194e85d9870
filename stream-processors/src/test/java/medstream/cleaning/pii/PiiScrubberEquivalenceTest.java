package medstream.cleaning.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.SharedData;
import medstream.cleaning.bench.BenchCorpus;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.text.Stripper;
import medstream.contracts.RawDocument;

/**
 * Keyword rules tried only where one of their label words starts, and label words found without a lower-cased copy
 * of the text, must find exactly what the implementation they replaced ({@link LegacyPiiScrubber}) finds: on the
 * labeled synthetic notes of both languages, on those notes upper-cased (case-insensitive labels), with characters
 * whose lower case is special (U+0130, which lengthens the text; the Kelvin sign, which lower-cases to 'k'), and on
 * real documents from the shared data.
 */
class PiiScrubberEquivalenceTest {

    @Test
    void givenNotesVariantsAndRealDocuments_whenScrubbedByBothImplementations_thenTheMatchesAreIdentical() {
        List<String> texts = new ArrayList<>();
        for (SyntheticClinicalNotes.Note note : SyntheticClinicalNotes.generate(20261125L, 200)) {
            String text = Normaliser.normalise(note.text());
            texts.add(text);
            texts.add(text.toUpperCase(Locale.ROOT));
            texts.add("\u0130stanbul clinic. " + text);
            texts.add(text.replace("k", "\u212A").replace("Tel", "TEL"));
        }
        Stripper stripper = new Stripper(CleaningConfig.defaults().strip());
        for (RawDocument doc : BenchCorpus.load(SharedData.root()).documents(2_000, 11L)) {
            texts.add(stripper.strip(Normaliser.normalise(doc.getBody())).text());
        }
        PiiScrubber current = new PiiScrubber();
        LegacyPiiScrubber legacy = new LegacyPiiScrubber();
        int identifiers = 0;
        for (String text : texts) {
            List<PiiMatch> expected = legacy.find(text);
            assertThat(current.find(text)).as("matches in %s", text.length() > 120 ? text.substring(0, 120) : text)
                    .isEqualTo(expected);
            identifiers += expected.size();
        }
        // The notes plant hundreds of identifiers of every type: the comparison covered matches, not only misses.
        assertThat(identifiers).isGreaterThan(1_500);
    }
}
