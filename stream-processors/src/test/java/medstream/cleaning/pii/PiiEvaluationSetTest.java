package medstream.cleaning.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Measures the scrubber's precision and recall per kind on the labeled synthetic notes: the structured kinds
 * ({@link SyntheticClinicalNotes}) and the kinds of issue 15 ({@link DeidentificationNotes}). A predicted span counts
 * as a true positive when it overlaps a planted identifier of the same type; any other prediction (on a decoy or
 * elsewhere) is a false positive; a planted identifier without a matching prediction is a false negative. The table
 * is printed and written to {@code target/pii-evaluation.md} (docs/BENCHMARKS.md quotes it), every miss and false
 * positive with its context to {@code target/pii-evaluation-errors.txt}.
 */
class PiiEvaluationSetTest {

    private static final long SEED = 20261125L;
    private static final int STRUCTURED_NOTES_PER_LANGUAGE = 120;
    private static final int DEID_NOTES_PER_LANGUAGE = 150;

    // Targets of issue 15, met with margin on this seed (see docs/BENCHMARKS.md for the measured table).
    private static final double MIN_RECALL = 0.95;
    private static final double MIN_PRECISION = 0.95;

    private final PiiScrubber scrubber = new PiiScrubber();

    @Test
    void givenTheSyntheticNotes_whenScrubbed_thenEveryKindHasRecallAndPrecisionOfAtLeast095() throws IOException {
        List<Note> notes = new ArrayList<>(SyntheticClinicalNotes.generate(SEED, STRUCTURED_NOTES_PER_LANGUAGE));
        notes.addAll(DeidentificationNotes.generate(SEED, DEID_NOTES_PER_LANGUAGE));
        Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class); // tp, fp, fn
        for (PiiType type : PiiType.values()) {
            counts.put(type, new int[3]);
        }
        int planted = 0;
        int decoys = 0;
        int decoysHit = 0;
        List<String> errors = new ArrayList<>();
        for (Note note : notes) {
            String text = Normalizer.normalize(note.text(), Normalizer.Form.NFKC);
            assertThat(text).as("NFKC must keep offsets of the generated notes").hasSameSizeAs(note.text());
            List<PiiMatch> predicted = scrubber.find(text);
            planted += note.identifiers().size();
            for (Span gold : note.identifiers()) {
                if (predicted.stream().noneMatch(p -> p.type() == gold.type() && p.overlaps(gold.start(), gold.end()))) {
                    counts.get(gold.type())[2]++;
                    errors.add("MISS " + gold.type() + " '" + text.substring(gold.start(), gold.end()) + "' in '"
                            + context(text, gold.start(), gold.end()) + "'");
                }
            }
            for (PiiMatch p : predicted) {
                boolean correct = note.identifiers().stream()
                        .anyMatch(g -> g.type() == p.type() && p.overlaps(g.start(), g.end()));
                counts.get(p.type())[correct ? 0 : 1]++;
                if (!correct) {
                    errors.add("FALSE " + p.type() + " '" + text.substring(p.start(), p.end()) + "' in '"
                            + context(text, p.start(), p.end()) + "'");
                }
            }
            for (Span decoy : note.decoys()) {
                decoys++;
                if (predicted.stream().anyMatch(p -> p.overlaps(decoy.start(), decoy.end()))) {
                    decoysHit++;
                }
            }
        }

        String table = table(counts, notes.size(), planted, decoys, decoysHit);
        System.out.println(table);
        errors.stream().limit(60).forEach(System.out::println);
        Files.writeString(Path.of("target", "pii-evaluation.md"), table, StandardCharsets.UTF_8);
        Files.write(Path.of("target", "pii-evaluation-errors.txt"), errors, StandardCharsets.UTF_8);

        assertThat(notes.size()).isGreaterThanOrEqualTo(200);
        assertThat(planted).isGreaterThanOrEqualTo(500);
        int[] total = new int[3];
        for (Map.Entry<PiiType, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            for (int k = 0; k < 3; k++) {
                total[k] += c[k];
            }
            assertThat(c[0] + c[2]).as("planted " + e.getKey()).isGreaterThan(0);
            assertThat(recall(c)).as("recall of " + e.getKey()).isGreaterThanOrEqualTo(MIN_RECALL);
            assertThat(precision(c)).as("precision of " + e.getKey()).isGreaterThanOrEqualTo(MIN_PRECISION);
        }
        assertThat(recall(total)).as("overall recall").isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(precision(total)).as("overall precision").isGreaterThanOrEqualTo(MIN_PRECISION);
    }

    @Test
    void givenTheSameSeed_whenGeneratedTwice_thenTheNotesAreIdentical() {
        assertThat(SyntheticClinicalNotes.generate(SEED, 5)).isEqualTo(SyntheticClinicalNotes.generate(SEED, 5));
        assertThat(SyntheticClinicalNotes.generate(SEED, 5)).isNotEqualTo(SyntheticClinicalNotes.generate(SEED + 1, 5));
        assertThat(DeidentificationNotes.generate(SEED, 5)).isEqualTo(DeidentificationNotes.generate(SEED, 5));
        assertThat(DeidentificationNotes.generate(SEED, 5)).isNotEqualTo(DeidentificationNotes.generate(SEED + 1, 5));
    }

    private static String table(Map<PiiType, int[]> counts, int notes, int planted, int decoys, int decoysHit) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%d notes, %d planted identifiers, %d decoys (%d scrubbed)%n%n"
                        + "| kind | planted | tp | fp | fn | precision | recall |%n|---|---|---|---|---|---|---|%n",
                notes, planted, decoys, decoysHit));
        int[] total = new int[3];
        for (Map.Entry<PiiType, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            for (int k = 0; k < 3; k++) {
                total[k] += c[k];
            }
            table.append(row(e.getKey().name(), c));
        }
        return table.append(row("overall", total)).toString();
    }

    private static String row(String kind, int[] c) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f | %.3f |%n", kind, c[0] + c[2], c[0], c[1],
                c[2], precision(c), recall(c));
    }

    private static String context(String text, int start, int end) {
        return text.substring(Math.max(0, start - 30), Math.min(text.length(), end + 30)).replace('\n', ' ');
    }

    private static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1.0 : c[0] / (double) (c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1.0 : c[0] / (double) (c[0] + c[2]);
    }
}
