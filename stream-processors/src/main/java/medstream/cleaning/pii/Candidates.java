package medstream.cleaning.pii;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a pattern can start, found in one pass, so that detectors try their patterns with {@code lookingAt()} at
 * those places only: a {@code find()} over a whole document tries every position and was what made the date, age and
 * device patterns cost ten times the rest of the scrubber.
 */
final class Candidates {
    private static final String MONTH_PREFIXES = "JanFebMarAprMayJunJulAugSepOctNovDec";
    /** Whether a capital 'A' + i begins a month name: a table, since {@code indexOf} per character cost 5 µs a document. */
    private static final boolean[] MONTH_INITIAL = new boolean['S' - 'A' + 1];

    /** The three characters of each month prefix packed as {@link #isMonthPrefix} packs the text's, to compare ints. */
    private static final int[] MONTH_KEYS = new int[MONTH_PREFIXES.length() / 3];

    static {
        for (char c : "JFMASOND".toCharArray()) {
            MONTH_INITIAL[c - 'A'] = true;
        }
        for (int m = 0; m < MONTH_KEYS.length; m++) {
            MONTH_KEYS[m] = MONTH_PREFIXES.charAt(m * 3) << 16 ^ MONTH_PREFIXES.charAt(m * 3 + 1) << 8
                    ^ MONTH_PREFIXES.charAt(m * 3 + 2);
        }
    }

    private Candidates() {
    }

    /** Starts of digit runs ("2021" in "on 2021-03-14", "3" in "3月"), in text order; shared, not to be changed. */
    static int[] digitRuns(String text) {
        return TextScans.of(text).digitRuns();
    }

    /**
     * Starts of digit runs that can begin a date: 1-2 digits before a separator ("3/14", "3-14", "3.14", "3月"), an
     * ordinal suffix ("5th") or a space and a capital or "of" ("5 January"); 19xx or 20xx before a separator or 年.
     * Most numbers in medical text (doses, counts, p-values) fail this at once.
     */
    static int[] dateDigitRuns(String text) {
        return digitRuns(text, (start, end, next, after) -> {
            boolean year = end - start == 4 && (text.startsWith("19", start) || text.startsWith("20", start));
            return end - start <= 2 && ("/-.月".indexOf(next) >= 0 || "snrt".indexOf(next) >= 0
                    || next == ' ' && (Character.isUpperCase(after) || after == 'o' || after == '月'))
                    || year && ("/-.年".indexOf(next) >= 0 || next == ' ' && after == '年');
        });
    }

    /** Starts of digit runs of at most three digits followed by a full stop and a digit: where an IPv4 can start. */
    static int[] dottedDigitRuns(String text) {
        return digitRuns(text, (start, end, next, after) -> end - start <= 3 && next == '.' && isDigit(after));
    }

    /** Which digit runs to keep, given the run [start, end) and the two characters after it (' ' past the end). */
    private interface RunTest {
        boolean keep(int start, int end, char next, char after);
    }

    private static int[] digitRuns(String text, RunTest test) {
        int[] runs = digitRuns(text);
        int[] kept = new int[runs.length];
        int n = 0;
        for (int at : runs) {
            int end = at;
            while (end < text.length() && isDigit(text.charAt(end))) {
                end++;
            }
            char next = end < text.length() ? text.charAt(end) : ' ';
            char after = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
            if (test.keep(at, end, next, after)) {
                kept[n++] = at;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    /** Starts of capitalised English month names or abbreviations ("March", "Sept."), in text order. */
    static int[] monthNames(String text) {
        int[] out = new int[4];
        int n = 0;
        for (int i = 0; i + 3 <= text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'S' && MONTH_INITIAL[c - 'A'] && (i == 0 || !Character.isLetter(text.charAt(i - 1)))
                    && isMonthPrefix(text, i)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The two sorted arrays as one sorted array. */
    static int[] merge(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            out[k++] = j >= b.length || i < a.length && a[i] <= b[j] ? a[i++] : b[j++];
        }
        return out;
    }

    private static boolean isMonthPrefix(String text, int at) {
        int key = text.charAt(at) << 16 ^ text.charAt(at + 1) << 8 ^ text.charAt(at + 2);
        for (int m = 0; m < MONTH_KEYS.length; m++) {
            if (MONTH_KEYS[m] == key && text.regionMatches(at, MONTH_PREFIXES, m * 3, 3)) {
                return true;
            }
        }
        return false;
    }


    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A pattern tried with {@code lookingAt()} at each candidate start in order, each try after the end of the last
     * match, as {@code find()} would go on; lookarounds see past the window (transparent bounds).
     */
    static final class Scan {
        private final Matcher m;
        private final int[] starts;
        private final int window;
        private final int length;
        private int index;
        private int next;

        Scan(Pattern pattern, String text, int[] starts, int window) {
            this.m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            this.starts = starts;
            this.window = window;
            this.length = text.length();
        }

        /** Whether one more match was found; its offsets and groups are on {@link #matcher()}. */
        boolean find() {
            while (index < starts.length) {
                int at = starts[index++];
                if (at < next) {
                    continue;
                }
                m.region(at, Math.min(length, at + window));
                if (m.lookingAt()) {
                    next = m.end() > at ? m.end() : at + 1;
                    return true;
                }
            }
            return false;
        }

        Matcher matcher() {
            return m;
        }
    }
}
