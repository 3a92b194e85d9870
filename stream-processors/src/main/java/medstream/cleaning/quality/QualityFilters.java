package medstream.cleaning.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import medstream.cleaning.CleaningConfig.QualityConfig;
import medstream.cleaning.ReasonCode;
import medstream.cleaning.Rejection;
import medstream.cleaning.lang.StopWords;

/**
 * Gopher / C4 quality filters (Rae et al. 2021, Raffel et al. 2020), CJK-aware: for Chinese the unit is the
 * character (letters and digits), since words are not delimited; mean word length is not applied to Chinese.
 *
 * <p>All signals are measured (they go into {@code CleanDocument.signals}); the first one outside its threshold,
 * in a fixed order, becomes the verdict. Repetition and stop-word filters are enforced only on texts long enough
 * for them to mean something ({@code minWordsForRatios}); for Chinese, n-gram sizes are scaled by
 * {@code cjkNgramScale}. One deviation from Gopher: the top n-gram fraction counts only an n-gram
 * that occurs more than once, since a single occurrence is not repetition and would fail every short text.
 * Thread-safe.
 */
public final class QualityFilters {

    private static final int[] TOP_N = {2, 3, 4};
    private static final int[] DUP_N = {5, 6, 7, 8, 9, 10};

    private final QualityConfig config;

    /** Filters with the given thresholds. */
    public QualityFilters(QualityConfig config) {
        this.config = config;
    }

    /**
     * Measures a text and applies the thresholds.
     *
     * @param text     stripped, normalised text
     * @param language ISO 639-1 code; {@code zh} selects character units
     * @return the signals and the first failure, if any
     */
    public QualityReport evaluate(String text, String language) {
        boolean cjk = "zh".equals(language) || "ja".equals(language);
        Units units = cjk ? Units.characters(text) : Units.words(text);
        Map<String, Double> signals = new LinkedHashMap<>();
        List<Rejection> failures = new ArrayList<>(2);

        int length = units.size();
        signals.put("length", (double) length);
        int min = cjk ? config.minChars() : config.minWords();
        int max = cjk ? config.maxChars() : config.maxWords();
        check(failures, length < min, ReasonCode.QUALITY_MIN_LENGTH, "quality.min_length", length, min);
        check(failures, length > max, ReasonCode.QUALITY_MAX_LENGTH, "quality.max_length", length, max);

        if (!cjk) {
            double mean = length == 0 ? 0 : units.totalChars() / (double) length;
            signals.put("mean_word_length", mean);
            check(failures, mean < config.minMeanWordLength(), ReasonCode.QUALITY_MEAN_WORD_LENGTH,
                    "quality.mean_word_length", mean, config.minMeanWordLength());
            check(failures, mean > config.maxMeanWordLength(), ReasonCode.QUALITY_MEAN_WORD_LENGTH,
                    "quality.mean_word_length", mean, config.maxMeanWordLength());
        }

        CharCounts chars = CharCounts.of(text);
        double symbolRatio = length == 0 ? 0 : chars.symbols / (double) length;
        signals.put("symbol_ratio", symbolRatio);
        check(failures, symbolRatio > config.maxSymbolRatio(), ReasonCode.QUALITY_SYMBOL_RATIO,
                "quality.symbol_ratio", symbolRatio, config.maxSymbolRatio());
        double digitRatio = chars.nonSpace == 0 ? 0 : chars.digits / (double) chars.nonSpace;
        signals.put("digit_ratio", digitRatio);
        check(failures, digitRatio > config.maxDigitRatio(), ReasonCode.QUALITY_DIGIT_RATIO,
                "quality.digit_ratio", digitRatio, config.maxDigitRatio());

        boolean longEnough = length >= (cjk ? config.minCharsForRatios() : config.minWordsForRatios());
        int scale = cjk ? config.cjkNgramScale() : 1;
        LineCounts lines = LineCounts.of(text);
        double bullet = lines.ratio(lines.bullets);
        double ellipsis = lines.ratio(lines.ellipses);
        double duplicate = lines.ratio(lines.duplicates);
        signals.put("bullet_line_ratio", bullet);
        signals.put("ellipsis_line_ratio", ellipsis);
        signals.put("duplicate_line_ratio", duplicate);
        check(failures, bullet > config.maxBulletLineRatio(), ReasonCode.QUALITY_BULLET_LINES,
                "quality.bullet_line_ratio", bullet, config.maxBulletLineRatio());
        check(failures, ellipsis > config.maxEllipsisLineRatio(), ReasonCode.QUALITY_ELLIPSIS_LINES,
                "quality.ellipsis_line_ratio", ellipsis, config.maxEllipsisLineRatio());
        check(failures, longEnough && duplicate > config.maxDuplicateLineRatio(), ReasonCode.QUALITY_DUPLICATE_LINES,
                "quality.duplicate_line_ratio", duplicate, config.maxDuplicateLineRatio());

        for (int k = 0; k < TOP_N.length; k++) {
            double top = units.topNgramFraction(TOP_N[k] * scale);
            double threshold = config.maxTopNgramFraction().get(k);
            signals.put("top_" + TOP_N[k] + "gram_fraction", top);
            check(failures, longEnough && top > threshold, ReasonCode.QUALITY_TOP_NGRAM,
                    "quality.top_" + TOP_N[k] + "gram_fraction", top, threshold);
        }
        for (int k = 0; k < DUP_N.length; k++) {
            double dup = units.duplicateNgramFraction(DUP_N[k] * scale);
            double threshold = config.maxDuplicateNgramFraction().get(k);
            signals.put("duplicate_" + DUP_N[k] + "gram_fraction", dup);
            check(failures, longEnough && dup > threshold, ReasonCode.QUALITY_DUPLICATE_NGRAM,
                    "quality.duplicate_" + DUP_N[k] + "gram_fraction", dup, threshold);
        }

        int stop = cjk ? countZhFunctionChars(text) : units.stopWords();
        signals.put("stop_words", (double) stop);
        check(failures, longEnough && stop < config.minStopWords(), ReasonCode.QUALITY_STOP_WORDS, "quality.stop_words",
                stop, config.minStopWords());

        return new QualityReport(signals, failures.isEmpty() ? null : failures.get(0));
    }

    private static void check(List<Rejection> failures, boolean failed, ReasonCode code, String filter,
                              double value, double threshold) {
        if (failed) {
            failures.add(Rejection.measured(code, filter, value, threshold));
        }
    }

    private static int countZhFunctionChars(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (StopWords.isZhFunctionChar(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Character classes counted in one pass. */
    private record CharCounts(int nonSpace, int digits, int symbols) {
        static CharCounts of(String text) {
            int nonSpace = 0;
            int digits = 0;
            int symbols = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    continue;
                }
                nonSpace++;
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c == '#' || c == '…') {
                    symbols++;
                } else if (c == '.' && text.startsWith("...", i)) {
                    symbols++;
                    i += 2;
                    nonSpace += 2;
                }
            }
            return new CharCounts(nonSpace, digits, symbols);
        }
    }

    /** Line statistics over non-empty lines. */
    private record LineCounts(int lines, int bullets, int ellipses, int duplicates) {
        static LineCounts of(String text) {
            int lines = 0;
            int bullets = 0;
            int ellipses = 0;
            int duplicates = 0;
            java.util.HashSet<String> seen = new java.util.HashSet<>();
            for (String line : text.split("\n")) {
                String l = line.strip();
                if (l.isEmpty()) {
                    continue;
                }
                lines++;
                char first = l.charAt(0);
                if ("•·▪‣●◦○■□➢►-*–".indexOf(first) >= 0 && (l.length() == 1 || l.charAt(1) == ' '
                        || first > 0x7F)) {
                    bullets++;
                }
                if (l.endsWith("...") || l.endsWith("…")) {
                    ellipses++;
                }
                if (!seen.add(l)) {
                    duplicates++;
                }
            }
            return new LineCounts(lines, bullets, ellipses, duplicates);
        }

        double ratio(int count) {
            return lines == 0 ? 0 : count / (double) lines;
        }
    }

    /**
     * The text as a sequence of units (lower-cased words, or single characters) with a 64-bit hash and a character
     * length each; n-gram statistics are computed on hashes in one open-addressing table that is allocated once per
     * text and cleared between n-gram sizes (no sorting, no boxing, no map per size).
     */
    static final class Units {
        private final long[] hashes;
        /** {@code prefixChars[i]}: characters of units 0..i-1, so an n-gram's characters are one subtraction. */
        private final int[] prefixChars;
        private final int stopWords;
        private final int size;
        private final int totalChars;
        private long[] rolling;
        private int rollingN;
        /**
         * Smallest n at which every n-gram was seen to be distinct, or 0. Every longer n-gram is then distinct too
         * (two equal n-grams start with equal (n-1)-grams), so its top and duplicate fractions are 0 without
         * hashing: natural prose stops repeating after a few words, and that skips most of the n-gram work.
         */
        private int distinctFrom;
        private long[] tableKeys;
        /** 0: empty slot; otherwise a count (top n-gram) or first index + 1 (duplicate n-grams). */
        private int[] tableValues;
        private int[] tableFirst;

        private Units(long[] hashes, int[] lengths, int stopWords, int size) {
            this.hashes = hashes;
            this.stopWords = stopWords;
            this.size = size;
            this.prefixChars = new int[size + 1];
            for (int i = 0; i < size; i++) {
                prefixChars[i + 1] = prefixChars[i] + lengths[i];
            }
            this.totalChars = prefixChars[size];
        }

        /**
         * Whitespace-separated tokens with leading/trailing punctuation removed (Gopher's words), hashed lower-cased
         * in one pass without building a string per word; Gopher's stop words (all of at most four letters) are
         * counted on the way.
         */
        static Units words(String text) {
            long[] hashes = new long[text.length() / 4 + 1];
            int[] lengths = new int[hashes.length];
            int n = 0;
            int stop = 0;
            int i = 0;
            int length = text.length();
            while (i < length) {
                while (i < length && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int s = i;
                while (i < length && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int e = i;
                while (s < e && !Character.isLetterOrDigit(text.charAt(s))) {
                    s++;
                }
                while (e > s && !Character.isLetterOrDigit(text.charAt(e - 1))) {
                    e--;
                }
                if (s == e) {
                    continue;
                }
                long h = 0;
                for (int k = s; k < e; k++) {
                    h = h * 31 + Character.toLowerCase(text.charAt(k));
                }
                if (n == hashes.length) {
                    hashes = Arrays.copyOf(hashes, n * 2);
                    lengths = Arrays.copyOf(lengths, n * 2);
                }
                hashes[n] = mix(h * 0x9E3779B97F4A7C15L + (e - s));
                lengths[n] = e - s;
                n++;
                if (e - s <= 4 && isGopherStopWord(text, s, e)) {
                    stop++;
                }
            }
            return new Units(hashes, lengths, stop, n);
        }

        /**
         * Whether {@code text[s, e)} lower-cased (Locale.ROOT) is one of Gopher's stop words. ASCII words are
         * compared in place; anything else takes the string path, because {@link String#toLowerCase(Locale)} can
         * change the length (U+0130) where a per-character comparison would not.
         */
        private static boolean isGopherStopWord(String text, int s, int e) {
            char[] lower = new char[e - s];
            for (int k = s; k < e; k++) {
                char c = text.charAt(k);
                if (c >= 0x80) {
                    return StopWords.GOPHER_EN.contains(text.substring(s, e).toLowerCase(Locale.ROOT));
                }
                lower[k - s] = c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
            }
            return StopWords.GOPHER_EN.contains(new String(lower));
        }

        /** Letters and digits as single units (Chinese); everything else is skipped. */
        static Units characters(String text) {
            long[] hashes = new long[text.length()];
            int[] lengths = new int[text.length()];
            int n = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    hashes[n] = mix(Character.toLowerCase(c) * 0x9E3779B97F4A7C15L);
                    lengths[n] = 1;
                    n++;
                }
            }
            return new Units(hashes, lengths, 0, n);
        }

        int size() {
            return size;
        }

        int totalChars() {
            return totalChars;
        }

        /** Gopher stop words among the words (0 for character units). */
        int stopWords() {
            return stopWords;
        }

        /**
         * Hashes of all n-grams in {@code rolling[0, size - n + 1)}, built from the (n-1)-gram hashes with one mix
         * per position: the filters ask for n = 2, 3, 4 and then 5..10 (doubled for Chinese), so each size costs
         * one pass, not n passes.
         *
         * @return the number of n-grams (0 when the text is shorter than n)
         */
        private int ngramHashes(int n) {
            int count = size - n + 1;
            if (count <= 0) {
                return 0;
            }
            if (rolling == null || n < rollingN) {
                rolling = Arrays.copyOf(hashes, size);
                rollingN = 1;
            }
            while (rollingN < n) {
                int m = rollingN + 1;
                for (int i = 0; i + m <= size; i++) {
                    rolling[i] = mix(rolling[i] ^ hashes[i + m - 1]) + m;
                }
                rollingN = m;
            }
            return count;
        }

        private int ngramChars(int start, int n) {
            return prefixChars[start + n] - prefixChars[start];
        }

        /** An empty table with at least twice as many slots as {@code entries}; allocated once per text. */
        private int clearTable(int entries) {
            int capacity = Integer.highestOneBit(Math.max(16, entries * 2 - 1)) << 1;
            if (tableKeys == null || tableKeys.length < capacity) {
                tableKeys = new long[capacity];
                tableValues = new int[capacity];
                tableFirst = new int[capacity];
            } else {
                Arrays.fill(tableValues, 0);
            }
            return tableKeys.length - 1;
        }

        /** The table slot that holds {@code key}, or the empty slot where it goes (linear probing). */
        private int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (tableValues[slot] != 0 && tableKeys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        /**
         * Characters covered by the most frequent n-gram (counted only if it repeats) over all characters. Among
         * n-grams with the same highest count the one with the lowest hash is taken, as a sorted scan would.
         */
        double topNgramFraction(int n) {
            if (allDistinct(n)) {
                return 0;
            }
            int count = ngramHashes(n);
            if (count < 2 || totalChars == 0) {
                return 0;
            }
            int mask = clearTable(count);
            int best = 1;
            long bestHash = 0;
            int bestFirst = -1;
            for (int i = 0; i < count; i++) {
                long h = rolling[i];
                int slot = slot(h, mask);
                if (tableValues[slot] == 0) {
                    tableKeys[slot] = h;
                    tableFirst[slot] = i;
                }
                int c = ++tableValues[slot];
                if (c > best || (c == best && c >= 2 && h < bestHash)) {
                    best = c;
                    bestHash = h;
                    bestFirst = tableFirst[slot];
                }
            }
            if (best < 2) {
                distinctFrom = n;
                return 0;
            }
            return Math.min(1.0, best * ngramChars(bestFirst, n) / (double) totalChars);
        }

        private boolean allDistinct(int n) {
            return distinctFrom > 0 && n >= distinctFrom;
        }

        /**
         * Characters of repeated n-grams over all characters, as Gopher/datatrove count them: scanning left to
         * right, an n-gram already seen adds its characters and the scan jumps past it; the first occurrence does
         * not count.
         */
        double duplicateNgramFraction(int n) {
            if (allDistinct(n)) {
                return 0;
            }
            int count = ngramHashes(n);
            if (count < 2 || totalChars == 0) {
                return 0;
            }
            int mask = clearTable(count);
            int repeatedChars = 0;
            int i = 0;
            while (i < count) {
                long h = rolling[i];
                int slot = slot(h, mask);
                if (tableValues[slot] == 0) {
                    tableKeys[slot] = h;
                    tableValues[slot] = i + 1;
                    i++;
                } else {
                    repeatedChars += ngramChars(i, n);
                    i += n;
                }
            }
            if (repeatedChars == 0) {
                distinctFrom = n;
            }
            return repeatedChars / (double) totalChars;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
