package medstream.cleaning.pii;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What several detectors look for in the same document, found once per document: the starts of its digit runs and
 * the positions of every detector's label words. The scrubber runs its detectors one after another on one thread
 * over the same {@code String}; each used to scan it again, and these scans were a third of the scrubber's cost. The
 * last document's scans are kept per thread and reused while the text is the same object. Arrays returned are shared:
 * callers must not change them.
 */
final class TextScans {
    /** The label words of the structured rules, the device detector and the facility detector, in one table. */
    private static final LabelWords ALL = LabelWords.of(allLists());
    private static final ThreadLocal<TextScans> LAST = ThreadLocal.withInitial(TextScans::new);

    private String text;
    private int[] digitRuns;
    private int[][] labels;

    private TextScans() {
    }

    /** The scans of this text, reused if the last text scanned on this thread is this very object. */
    static TextScans of(String text) {
        TextScans scans = LAST.get();
        if (scans.text != text) {
            scans.text = text;
            scans.digitRuns = null;
            scans.labels = null;
        }
        return scans;
    }

    /** Starts of digit runs, in text order. */
    int[] digitRuns() {
        if (digitRuns == null) {
            digitRuns = scanDigitRuns(text);
        }
        return digitRuns;
    }

    /** Sorted positions where one of the words (one of the detectors' lists, by identity) occurs, lower-cased. */
    int[] labels(List<String> words) {
        if (labels == null) {
            labels = ALL.find(text);
        }
        return labels[ALL.indexOf(words)];
    }

    private static List<List<String>> allLists() {
        List<List<String>> lists = new ArrayList<>(StructuredDetector.labelWordLists());
        lists.addAll(DeviceDetector.LABEL_LISTS);
        lists.addAll(FacilityDetector.LABEL_LISTS);
        return lists;
    }

    private static int[] scanDigitRuns(String text) {
        int[] out = new int[8];
        int n = 0;
        boolean previousDigit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (digit && !previousDigit) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = i;
            }
            previousDigit = digit;
        }
        return Arrays.copyOf(out, n);
    }
}
