package medstream.cleaning.dedup;

import java.util.Arrays;

/**
 * Shingle hashes of a text for near-duplicate detection: word k-shingles for space-delimited languages, character
 * k-shingles for Chinese. Units are lower-cased runs of letters and digits (words) or single letters/digits
 * (characters), so punctuation, case and spacing differences do not make two texts look different.
 */
public final class Shingles {

    private Shingles() {
    }

    /**
     * The distinct shingle hashes of a text, sorted.
     *
     * @param text any text
     * @param cjk  character units (Chinese) instead of word units
     * @param k    shingle size in units; a text shorter than k gives one shingle of all its units
     * @return sorted distinct 64-bit hashes; empty for a text without letters or digits
     */
    public static long[] of(String text, boolean cjk, int k) {
        long[] shingles = inTextOrder(units(text, cjk), k);
        Arrays.sort(shingles);
        return distinctSorted(shingles);
    }

    /**
     * The unit hashes of a text: lower-cased runs of letters and digits (words), or single letters and digits
     * (characters, {@code cjk}).
     *
     * @param text any text
     * @param cjk  character units instead of word units
     * @return one hash per unit, in text order
     */
    public static long[] units(String text, boolean cjk) {
        return cjk ? charUnits(text) : wordUnits(text);
    }

    /**
     * The shingle hashes of a unit sequence in text order, repeats included (the same hashes as {@link #of}, before
     * sorting): for callers that only look hashes up and need neither order nor distinctness.
     *
     * @param units unit hashes from {@link #units}
     * @param k     shingle size; fewer than k units give one shingle of all of them
     * @return {@code max(1, units - k + 1)} hashes; empty for no units
     */
    public static long[] inTextOrder(long[] units, int k) {
        if (units.length == 0) {
            return units;
        }
        int count = Math.max(1, units.length - k + 1);
        int width = Math.min(k, units.length);
        long[] shingles = new long[count];
        for (int i = 0; i < count; i++) {
            long h = 0x6A09E667F3BCC909L;
            for (int j = 0; j < width; j++) {
                h = Hashing.mix(h ^ units[i + j]);
            }
            shingles[i] = h;
        }
        return shingles;
    }

    /** Exact Jaccard similarity of two sorted distinct hash sets (for tests and calibration). */
    public static double jaccard(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 1.0 : common / (double) union;
    }

    static long[] wordUnits(String text) {
        long[] units = new long[text.length() / 4 + 1];
        int n = 0;
        long h = 0;
        boolean inWord = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                h = h * 31 + Character.toLowerCase(c);
                inWord = true;
            } else if (inWord) {
                if (n == units.length) {
                    units = Arrays.copyOf(units, n * 2);
                }
                units[n++] = Hashing.mix(h);
                h = 0;
                inWord = false;
            }
        }
        return Arrays.copyOf(units, n);
    }

    static long[] charUnits(String text) {
        long[] units = new long[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                units[n++] = Hashing.mix(Character.toLowerCase(c) + 0x1F3D5B79L);
            }
        }
        return Arrays.copyOf(units, n);
    }

    private static long[] distinctSorted(long[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }
}
