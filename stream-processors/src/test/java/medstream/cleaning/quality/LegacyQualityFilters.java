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
import medstream.cleaning.util.LongIntMap;

/**
 * The quality filters as they were before the performance pass (sorting for the top n-gram, a new map per n-gram
 * size, a string per short word for stop words), kept verbatim as the reference that
 * {@code QualityFiltersEquivalenceTest} compares the current implementation with on real documents.
 */
final class LegacyQualityFilters {

    private static final int[] TOP_N = {2, 3, 4};
    private static final int[] DUP_N = {5, 6, 7, 8, 9, 10};

    private final QualityConfig config;

    /** Filters with the given thresholds. */
    LegacyQualityFilters(QualityConfig config) {
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
     * length each; n-gram statistics are computed on hashes with sorting, no boxing.
     */
    static final class Units {
        private final long[] hashes;
        private final int[] lengths;
        private final int stopWords;
        private final int size;
        private final int totalChars;
        private long[] rolling;
        private int rollingN;

        private Units(long[] hashes, int[] lengths, int stopWords, int size) {
            this.hashes = hashes;
            this.lengths = lengths;
            this.stopWords = stopWords;
            this.size = size;
            int total = 0;
            for (int i = 0; i < size; i++) {
                total += lengths[i];
            }
            this.totalChars = total;
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
                if (e - s <= 4 && StopWords.GOPHER_EN.contains(text.substring(s, e).toLowerCase(Locale.ROOT))) {
                    stop++;
                }
            }
            return new Units(hashes, lengths, stop, n);
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
         * Hashes of all n-grams, built from the (n-1)-gram hashes with one mix per position: the filters ask for
         * n = 2, 3, 4 and then 5..10 (doubled for Chinese), so each size costs one pass, not n passes.
         */
        private long[] ngramHashes(int n) {
            int count = size - n + 1;
            if (count <= 0) {
                return new long[0];
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
            return Arrays.copyOf(rolling, count);
        }

        private int ngramChars(int start, int n) {
            int c = 0;
            for (int k = 0; k < n; k++) {
                c += lengths[start + k];
            }
            return c;
        }

        /** Characters covered by the most frequent n-gram (counted only if it repeats) over all characters. */
        double topNgramFraction(int n) {
            long[] grams = ngramHashes(n);
            if (grams.length < 2 || totalChars == 0) {
                return 0;
            }
            long[] sorted = grams.clone();
            Arrays.sort(sorted);
            int best = 1;
            long bestHash = 0;
            int run = 1;
            for (int i = 1; i <= sorted.length; i++) {
                if (i < sorted.length && sorted[i] == sorted[i - 1]) {
                    run++;
                } else {
                    if (run > best) {
                        best = run;
                        bestHash = sorted[i - 1];
                    }
                    run = 1;
                }
            }
            if (best < 2) {
                return 0;
            }
            for (int i = 0; i < grams.length; i++) {
                if (grams[i] == bestHash) {
                    return Math.min(1.0, best * ngramChars(i, n) / (double) totalChars);
                }
            }
            return 0;
        }

        /**
         * Characters of repeated n-grams over all characters, as Gopher/datatrove count them: scanning left to
         * right, an n-gram already seen adds its characters and the scan jumps past it; the first occurrence does
         * not count.
         */
        double duplicateNgramFraction(int n) {
            long[] grams = ngramHashes(n);
            if (grams.length < 2 || totalChars == 0) {
                return 0;
            }
            LongIntMap seen = new LongIntMap(grams.length);
            int repeatedChars = 0;
            int i = 0;
            while (i < grams.length) {
                if (seen.putIfAbsent(grams[i], i)) {
                    i++;
                } else {
                    repeatedChars += ngramChars(i, n);
                    i += n;
                }
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
