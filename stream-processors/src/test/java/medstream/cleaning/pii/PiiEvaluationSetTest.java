package medstream.cleaning.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import medstream.cleaning.pii.SyntheticClinicalNotes.Note;
import medstream.cleaning.pii.SyntheticClinicalNotes.Span;

/**
 * Measures the scrubber's precision and recall on the labeled synthetic notes. A predicted span counts as a true
 * positive when it overlaps a planted identifier of the same type; any other prediction (on a decoy or elsewhere)
 * is a false positive; a planted identifier without a matching prediction is a false negative.
 */
class PiiEvaluationSetTest {

    private static final long SEED = 20261125L;
    private static final int NOTES_PER_LANGUAGE = 60;

    // Measured with SEED above on 2026-11-25: 759 planted, overall recall 0.960 and precision 1.000; lowest per type
    // PHONE recall 0.873 (unlabeled 10-digit numbers without separators are not taken, on purpose: too many other
    // 10-digit numbers), DOB 0.945 ("Age/DOB: 67 / 1965-03-01"). The set is deterministic, so the margins below are
    // for rule changes, not noise. The set is written by the same hand as the rules: read these as an upper bound on
    // real-world recall, and see the real-text precision check in PiiScrubberTest.
    private static final double MIN_OVERALL_RECALL = 0.93;
    private static final double MIN_OVERALL_PRECISION = 0.97;
    private static final double MIN_TYPE_RECALL = 0.80;
    private static final double MIN_TYPE_PRECISION = 0.95;

    private final PiiScrubber scrubber = new PiiScrubber();

    @Test
    void givenTheSyntheticNotes_whenScrubbed_thenRecallAndPrecisionStayAboveTheMeasuredBounds() {
        List<Note> notes = SyntheticClinicalNotes.generate(SEED, NOTES_PER_LANGUAGE);
        Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class); // tp, fp, fn
        for (PiiType type : PiiType.values()) {
            counts.put(type, new int[3]);
        }
        int planted = 0;
        int decoys = 0;
        int decoysHit = 0;
        List<String> misses = new ArrayList<>();
        for (Note note : notes) {
            String text = Normalizer.normalize(note.text(), Normalizer.Form.NFKC);
            assertThat(text).as("NFKC must keep offsets of the generated notes").hasSameSizeAs(note.text());
            List<PiiMatch> predicted = scrubber.find(text);
            planted += note.identifiers().size();
            for (Span gold : note.identifiers()) {
                boolean found = predicted.stream()
                        .anyMatch(p -> p.type() == gold.type() && p.overlaps(gold.start(), gold.end()));
                if (!found) {
                    counts.get(gold.type())[2]++;
                    misses.add("MISS " + gold.type() + " '" + text.substring(gold.start(), gold.end()) + "'");
                }
            }
            for (PiiMatch p : predicted) {
                boolean correct = note.identifiers().stream()
                        .anyMatch(g -> g.type() == p.type() && p.overlaps(g.start(), g.end()));
                counts.get(p.type())[correct ? 0 : 1]++;
                if (!correct) {
                    misses.add("FALSE " + p.type() + " '" + text.substring(p.start(), p.end()) + "'");
                }
            }
            for (Span decoy : note.decoys()) {
                decoys++;
                if (predicted.stream().anyMatch(p -> p.overlaps(decoy.start(), decoy.end()))) {
                    decoysHit++;
                }
            }
        }

        int tp = 0;
        int fp = 0;
        int fn = 0;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "PII evaluation: %d notes, %d planted identifiers, %d decoys (%d scrubbed)%n"
                        + "%-8s %5s %5s %5s %9s %7s%n", notes.size(), planted, decoys, decoysHit,
                "type", "tp", "fp", "fn", "precision", "recall"));
        for (Map.Entry<PiiType, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            tp += c[0];
            fp += c[1];
            fn += c[2];
            table.append(String.format(Locale.ROOT, "%-8s %5d %5d %5d %9.3f %7.3f%n", e.getKey(), c[0], c[1], c[2],
                    precision(c[0], c[1]), recall(c[0], c[2])));
        }
        table.append(String.format(Locale.ROOT, "%-8s %5d %5d %5d %9.3f %7.3f%n", "overall", tp, fp, fn,
                precision(tp, fp), recall(tp, fn)));
        System.out.println(table);
        misses.stream().limit(40).forEach(System.out::println);

        assertThat(planted).isGreaterThanOrEqualTo(300);
        assertThat(recall(tp, fn)).as("overall recall").isGreaterThanOrEqualTo(MIN_OVERALL_RECALL);
        assertThat(precision(tp, fp)).as("overall precision").isGreaterThanOrEqualTo(MIN_OVERALL_PRECISION);
        for (Map.Entry<PiiType, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            assertThat(c[0] + c[2]).as("planted " + e.getKey()).isGreaterThan(0);
            assertThat(recall(c[0], c[2])).as("recall of " + e.getKey()).isGreaterThanOrEqualTo(MIN_TYPE_RECALL);
            assertThat(precision(c[0], c[1])).as("precision of " + e.getKey())
                    .isGreaterThanOrEqualTo(MIN_TYPE_PRECISION);
        }
    }

    @Test
    void givenTheSameSeed_whenGeneratedTwice_thenTheNotesAreIdentical() {
        assertThat(SyntheticClinicalNotes.generate(SEED, 5)).isEqualTo(SyntheticClinicalNotes.generate(SEED, 5));
        assertThat(SyntheticClinicalNotes.generate(SEED, 5)).isNotEqualTo(SyntheticClinicalNotes.generate(SEED + 1, 5));
    }

    private static double precision(int tp, int fp) {
        return tp + fp == 0 ? 1.0 : tp / (double) (tp + fp);
    }

    private static double recall(int tp, int fn) {
        return tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
    }
}
