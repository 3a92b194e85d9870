package medstream.cleaning.pii;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.text.Stripper;
import medstream.contracts.RawDocument;
import medstream.experiments.bench.cleaning.BenchCorpus;

/** The current scrubber against a reference commit's (package piiref, see scrubber-equivalence.sh), both modes. */
public class ScrubberEquivalence {
    public static void main(String[] args) {
        Stripper stripper = new Stripper(CleaningConfig.defaults().strip());
        List<String> texts = new ArrayList<>();
        for (RawDocument d : BenchCorpus.load(Path.of(args[1])).documents(Integer.parseInt(args[0]), 7L)) {
            texts.add(stripper.strip(Normaliser.normalise(d.getBody())).text());
        }
        for (long seed = 1; seed <= 30; seed++) {
            DeidentificationNotes.generate(seed, 100).forEach(n -> texts.add(n.text()));
            SyntheticClinicalNotes.generate(seed, 60).forEach(n -> texts.add(n.text()));
        }
        int base = texts.size();
        for (int i = 0; i < base; i += 7) { // other cases, and U+0130, whose lower case is longer
            texts.add(texts.get(i).toUpperCase(Locale.ROOT));
            texts.add(texts.get(i).toLowerCase(Locale.ROOT));
            texts.add(texts.get(i).replace('i', '\u0130'));
        }
        int differences = 0;
        long replacements = 0;
        for (PiiScrubber.Mode mode : PiiScrubber.Mode.values()) {
            PiiScrubber now = new PiiScrubber(mode);
            medstream.cleaning.piiref.PiiScrubber ref = new medstream.cleaning.piiref.PiiScrubber(
                    medstream.cleaning.piiref.PiiScrubber.Mode.valueOf(mode.name()));
            for (String t : texts) {
                ScrubResult x = now.scrub(t);
                medstream.cleaning.piiref.ScrubResult y = ref.scrub(t);
                replacements += x.total();
                if (!x.text().equals(y.text()) || x.total() != y.total()) {
                    if (differences++ < 5) {
                        System.out.println("DIFFERS (" + mode + "):\n" + t + "\n--- now:\n" + x.text() + "\n--- ref:\n" + y.text());
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "{\"texts\":%d,\"modes\":2,\"differences\":%d,\"replacements\":%d}%n",
                texts.size(), differences, replacements);
    }
}
