package medstream.cleaning;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import medstream.cleaning.pii.PiiScrubber;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;

/**
 * Every knob of the cleaning stage, with its default, in one place.
 *
 * <p>{@link #defaults()} is the configuration the topology runs with unless told otherwise;
 * {@link #from(Settings)} resolves the keys in {@link #SETTINGS} ({@code medstream.cleaning.*}) through the project's
 * {@link Settings} (flag, system property, {@code MEDSTREAM_CLEANING_*} environment variable, properties file,
 * default), as every other module does. {@link #describe()} is what the application prints at start-up.
 *
 * @param maxBodyBytes         UTF-8 size above which a body is rejected ({@code TOO_LARGE}); never truncated.
 *                             Default 5 MB.
 * @param maxReplacementRatio  fraction of U+FFFD characters above which a body is rejected as
 *                             {@code INVALID_UTF8}. Avro decodes malformed UTF-8 to U+FFFD, so that is where
 *                             invalid input shows up. Below it the stray U+FFFD are removed. Default 0.001.
 * @param maxControlRatio      fraction of raw control characters (C0 other than tab/newline/CR, DEL, C1)
 *                             above which a body is rejected as {@code BINARY}. Default 0.01.
 * @param language             language identification settings.
 * @param strip                stripper settings.
 * @param quality              quality-filter thresholds.
 * @param pii                  whether PII/PHI is scrubbed.
 * @param piiMode              what identifiers become: typed placeholders (default) or consistent surrogates.
 * @param dedup                exact and near-duplicate detection settings.
 * @param decontamination      n-gram overlap settings against evaluation items.
 */
public record CleaningConfig(
        long maxBodyBytes,
        double maxReplacementRatio,
        double maxControlRatio,
        LanguageConfig language,
        StripConfig strip,
        QualityConfig quality,
        boolean pii,
        PiiScrubber.Mode piiMode,
        DedupConfig dedup,
        DecontaminationConfig decontamination) {

    /** Validates the thresholds so that a typo fails at start-up, not in the middle of a run. */
    public CleaningConfig {
        require(maxBodyBytes > 0, "maxBodyBytes must be > 0, got " + maxBodyBytes);
        require(maxReplacementRatio >= 0 && maxReplacementRatio <= 1, "maxReplacementRatio must be in [0,1]");
        require(maxControlRatio >= 0 && maxControlRatio <= 1, "maxControlRatio must be in [0,1]");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(strip, "strip");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(piiMode, "piiMode");
        Objects.requireNonNull(dedup, "dedup");
        Objects.requireNonNull(decontamination, "decontamination");
    }

    /** The defaults documented on each parameter. */
    public static CleaningConfig defaults() {
        return new CleaningConfig(5L * 1024 * 1024, 0.001, 0.01,
                LanguageConfig.defaults(), StripConfig.defaults(), QualityConfig.defaults(), true,
                PiiScrubber.Mode.MASK, DedupConfig.defaults(), DecontaminationConfig.defaults());
    }

    /**
     * Language identification.
     *
     * @param supported          ISO 639-1 codes kept; others are rejected with the detected code. Default en, zh.
     * @param detectorLanguages  languages the statistical detector chooses among when the script does not decide
     *                           (Lingua's cost grows with this list; ~0.9 ms per KB for five). Default
     *                           en, zh, fr, de, es, it.
     * @param windowChars        only this many leading characters are inspected. Default 2000.
     * @param hanRatio           share of Han characters among letters from which a text is Chinese. Default 0.3.
     * @param latinRatio         share of Latin letters from which a text counts as Latin-script. Default 0.9.
     * @param englishStopRatio   in a Latin-script window, share of English stop words from which the text is
     *                           English without calling the detector. Default 0.2 (medical English: 0.3-0.45).
     */
    public record LanguageConfig(Set<String> supported, List<String> detectorLanguages, int windowChars,
                                 double hanRatio, double latinRatio, double englishStopRatio) {
        /** Copies the collections. */
        public LanguageConfig {
            supported = Set.copyOf(supported);
            detectorLanguages = List.copyOf(detectorLanguages);
            require(windowChars >= 64, "language windowChars must be >= 64");
        }

        /** Defaults as documented above. */
        public static LanguageConfig defaults() {
            return new LanguageConfig(Set.of("en", "zh"), List.of("en", "zh", "fr", "de", "es", "it"),
                    2000, 0.3, 0.9, 0.2);
        }
    }

    /**
     * Stripper.
     *
     * @param minRepeats        a short line seen this many times in one document is a running header/footer.
     *                          Default 3.
     * @param maxRepeatedLineChars only lines up to this length count as headers/footers. Default 100.
     * @param minNumericRowRun  consecutive numeric rows (table body without separators) removed from this run
     *                          length on. Default 2.
     */
    public record StripConfig(int minRepeats, int maxRepeatedLineChars, int minNumericRowRun) {
        /** Defaults as documented above. */
        public static StripConfig defaults() {
            return new StripConfig(3, 100, 2);
        }
    }

    /**
     * Gopher / C4 style quality thresholds. "Units" are words for space-delimited languages and characters
     * (letters and digits) for Chinese, where words are not delimited.
     *
     * @param minWords             fewest words (en). Default 5: definitions are short; Gopher's 50 targets web pages.
     * @param maxWords             most words (en). Default 100,000 (Gopher).
     * @param minChars             fewest characters (zh). Default 10.
     * @param maxChars             most characters (zh). Default 300,000.
     * @param minMeanWordLength    Gopher: 3. Not applied to zh.
     * @param maxMeanWordLength    Gopher: 10. Not applied to zh.
     * @param maxSymbolRatio       ('#' + ellipses) per unit. Gopher: 0.1.
     * @param maxDigitRatio        digits among non-space characters. Default 0.3 (lab values are digit heavy).
     * @param maxBulletLineRatio   lines starting with a bullet. Gopher: 0.9.
     * @param maxEllipsisLineRatio lines ending with an ellipsis. Gopher: 0.3.
     * @param maxDuplicateLineRatio lines that duplicate an earlier line. Gopher: 0.3.
     * @param maxTopNgramFraction  for n = 2, 3, 4: characters covered by the most frequent n-gram. Gopher: 0.20,
     *                             0.18, 0.16.
     * @param maxDuplicateNgramFraction for n = 5..10: characters covered by n-grams seen more than once.
     *                             Gopher: 0.15 down to 0.10.
     * @param minStopWords         fewest stop words (en, Gopher's eight) or function characters (zh). Default 2.
     * @param minWordsForRatios    the repetition (duplicate lines, top and duplicate n-grams) and stop-word filters
     *                             are measured on every text but enforced only from this many words on: Gopher
     *                             calibrated them on documents of 50+ words, and a 20-word definition that says
     *                             "characterized by" twice is not repetitive. Default 50.
     * @param minCharsForRatios    the same for Chinese, in characters. Default 100.
     * @param cjkNgramScale        for Chinese, n-gram sizes are multiplied by this (a Chinese word is about two
     *                             characters), so "top 2-gram" is measured on character 4-grams. Default 2.
     */
    public record QualityConfig(int minWords, int maxWords, int minChars, int maxChars,
                                double minMeanWordLength, double maxMeanWordLength,
                                double maxSymbolRatio, double maxDigitRatio,
                                double maxBulletLineRatio, double maxEllipsisLineRatio,
                                double maxDuplicateLineRatio,
                                List<Double> maxTopNgramFraction, List<Double> maxDuplicateNgramFraction,
                                int minStopWords, int minWordsForRatios, int minCharsForRatios,
                                int cjkNgramScale) {
        /** Checks the n-gram lists have the documented sizes. */
        public QualityConfig {
            maxTopNgramFraction = List.copyOf(maxTopNgramFraction);
            maxDuplicateNgramFraction = List.copyOf(maxDuplicateNgramFraction);
            require(maxTopNgramFraction.size() == 3, "maxTopNgramFraction needs 3 values (n = 2, 3, 4)");
            require(maxDuplicateNgramFraction.size() == 6, "maxDuplicateNgramFraction needs 6 values (n = 5..10)");
        }

        /** Defaults as documented above. */
        public static QualityConfig defaults() {
            return new QualityConfig(5, 100_000, 10, 300_000, 3.0, 10.0, 0.1, 0.3, 0.9, 0.3, 0.3,
                    List.of(0.20, 0.18, 0.16), List.of(0.15, 0.14, 0.13, 0.12, 0.11, 0.10), 2, 50, 100, 2);
        }
    }

    /**
     * Exact and near-duplicate detection.
     *
     * <p>Near duplicates: MinHash with {@code permutations = bands * rows} and LSH banding. Two documents of
     * Jaccard similarity s share at least one band with probability {@code 1 - (1 - s^rows)^bands}. With the
     * defaults (128 permutations, 32 bands of 4 rows) that is 0.99999995 at s = 0.8, 0.9999 at 0.7, 0.23 at 0.3
     * (the S-curve's midpoint is (1/32)^(1/4) = 0.42). Band candidates are then confirmed by the fraction of equal
     * signature values, an unbiased estimate of s with standard error sqrt(s(1-s)/128) = 0.035 at s = 0.8; the
     * confirmation threshold 0.7 sits 2.8 standard errors below 0.8, so a pair at s = 0.8 is caught with
     * probability ~0.997, and one at s = 0.3 (0.70 is 10 standard errors away) practically never.
     *
     * @param shingleWords  word shingle size for space-delimited text. Default 5.
     * @param shingleChars  character shingle size for Chinese. Default 5.
     * @param permutations  MinHash permutations. Default 128.
     * @param bands         LSH bands; must divide permutations. Default 32.
     * @param confirmSimilarity estimated Jaccard a band candidate must reach. Default 0.7.
     * @param scope        {@code GLOBAL} (default): surviving documents are repartitioned onto one partition so
     *                     that each is compared with every earlier document, whatever partition it came from;
     *                     {@code PARTITION}: dedup within each input partition only (no repartition hop, misses
     *                     duplicates that arrive on different partitions).
     */
    public record DedupConfig(int shingleWords, int shingleChars, int permutations, int bands,
                              double confirmSimilarity, Scope scope) {

        /** Where duplicates are looked for. */
        public enum Scope {
            /** Across all input partitions (one dedup task). */
            GLOBAL,
            /** Within each input partition. */
            PARTITION
        }

        /** Checks that bands divide the permutations. */
        public DedupConfig {
            require(shingleWords >= 1 && shingleChars >= 1, "shingle sizes must be >= 1");
            Objects.requireNonNull(scope, "dedup scope");
            require(bands >= 1 && permutations % bands == 0,
                    "bands (" + bands + ") must divide permutations (" + permutations + ")");
        }

        /** Rows per band. */
        public int rows() {
            return permutations / bands;
        }

        /** Defaults as documented above. */
        public static DedupConfig defaults() {
            return new DedupConfig(5, 5, 128, 32, 0.7, Scope.GLOBAL);
        }
    }

    /**
     * Decontamination against evaluation items.
     *
     * @param ngramWords  word n-gram size for space-delimited text. Default 13 (GPT-3's choice).
     * @param ngramChars  character n-gram size for Chinese. Default 13.
     * @param minOverlaps shared n-grams needed to call a document contaminated. Default 1.
     */
    public record DecontaminationConfig(int ngramWords, int ngramChars, int minOverlaps) {
        /** Defaults as documented above. */
        public static DecontaminationConfig defaults() {
            return new DecontaminationConfig(13, 13, 1);
        }
    }

    /** UTF-8 body size above which a document is rejected. */
    public static final Setting<Long> MAX_BODY_BYTES = Setting.longValue("medstream.cleaning.max-body-bytes",
            5L * 1024 * 1024, "UTF-8 size in bytes above which a body is rejected (TOO_LARGE), never truncated");
    /** Share of U+FFFD above which a body is invalid UTF-8. */
    public static final Setting<Double> MAX_REPLACEMENT_RATIO = Setting.decimal(
            "medstream.cleaning.max-replacement-ratio", 0.001,
            "share of U+FFFD characters above which a body is rejected as INVALID_UTF8");
    /** Share of raw control characters above which a body is binary. */
    public static final Setting<Double> MAX_CONTROL_RATIO = Setting.decimal("medstream.cleaning.max-control-ratio", 0.01,
            "share of raw control characters above which a body is rejected as BINARY");
    /** Languages kept. */
    public static final Setting<String> LANGUAGES_SUPPORTED = Setting.string("medstream.cleaning.languages.supported",
            "en,zh", "comma-separated ISO 639-1 codes kept; other languages are rejected with the detected code");
    /** Fewest words of an English text. */
    public static final Setting<Integer> QUALITY_MIN_WORDS = Setting.integer("medstream.cleaning.quality.min-words", 5,
            "fewest words of a space-delimited text");
    /** Fewest characters of a Chinese text. */
    public static final Setting<Integer> QUALITY_MIN_CHARS = Setting.integer("medstream.cleaning.quality.min-chars", 10,
            "fewest letters and digits of a Chinese text");
    /** Whether PII is scrubbed. */
    public static final Setting<Boolean> PII_ENABLED = Setting.bool("medstream.cleaning.pii.enabled", true,
            "remove the HIPAA Safe Harbor identifiers found in text (names, dates of care, ages over 89, facilities, "
                    + "e-mails, phones, ids, URLs with queries, addresses, IP/device/vehicle ids)");
    /** What identifiers become. */
    public static final Setting<String> PII_MODE = Setting.string("medstream.cleaning.pii.mode", "mask",
            "mask: typed placeholders such as [NAME]; surrogate: consistent fake names and dates shifted per "
                    + "document (seeded by the document id), so the text stays readable for training");
    /** MinHash permutations. */
    public static final Setting<Integer> DEDUP_PERMUTATIONS = Setting.integer("medstream.cleaning.dedup.permutations",
            128, "MinHash permutations (bands * rows); changing it invalidates existing dedup state");
    /** LSH bands. */
    public static final Setting<Integer> DEDUP_BANDS = Setting.integer("medstream.cleaning.dedup.bands", 32,
            "LSH bands; must divide the permutations");
    /** Word shingle size. */
    public static final Setting<Integer> DEDUP_SHINGLE_WORDS = Setting.integer("medstream.cleaning.dedup.shingle-words",
            5, "word shingle size of near-dedup for space-delimited text");
    /** Character shingle size. */
    public static final Setting<Integer> DEDUP_SHINGLE_CHARS = Setting.integer("medstream.cleaning.dedup.shingle-chars",
            5, "character shingle size of near-dedup for Chinese");
    /** Estimated Jaccard a band candidate must reach. */
    public static final Setting<Double> DEDUP_CONFIRM_SIMILARITY = Setting.decimal(
            "medstream.cleaning.dedup.confirm-similarity", 0.7,
            "estimated Jaccard similarity from which a band candidate is a near duplicate");
    /** Where duplicates are looked for. */
    public static final Setting<String> DEDUP_SCOPE = Setting.string("medstream.cleaning.dedup.scope", "global",
            "global (every document against every earlier one, through a one-partition hop) or partition");
    /** Word n-gram size of decontamination. */
    public static final Setting<Integer> DECONTAMINATION_NGRAM_WORDS = Setting.integer(
            "medstream.cleaning.decontamination.ngram-words", 13, "word n-gram size of decontamination");
    /** Character n-gram size of decontamination. */
    public static final Setting<Integer> DECONTAMINATION_NGRAM_CHARS = Setting.integer(
            "medstream.cleaning.decontamination.ngram-chars", 13, "character n-gram size of decontamination (Chinese)");

    /** Every key, for printing the effective configuration at start-up. */
    public static final List<Setting<?>> SETTINGS = List.of(MAX_BODY_BYTES, MAX_REPLACEMENT_RATIO, MAX_CONTROL_RATIO,
            LANGUAGES_SUPPORTED, QUALITY_MIN_WORDS, QUALITY_MIN_CHARS, PII_ENABLED, PII_MODE,
            DEDUP_PERMUTATIONS, DEDUP_BANDS,
            DEDUP_SHINGLE_WORDS, DEDUP_SHINGLE_CHARS, DEDUP_CONFIRM_SIMILARITY, DEDUP_SCOPE,
            DECONTAMINATION_NGRAM_WORDS, DECONTAMINATION_NGRAM_CHARS);

    /**
     * The configuration resolved from settings, like every other medstream module: command-line override, then
     * system property, then environment variable ({@code MEDSTREAM_CLEANING_DEDUP_BANDS} for
     * {@code medstream.cleaning.dedup.bands}), then properties file, then the default documented on each parameter.
     * Thresholds without a key keep their defaults.
     *
     * @param s the settings
     * @return the configuration
     */
    public static CleaningConfig from(Settings s) {
        CleaningConfig d = defaults();
        LanguageConfig lang = d.language();
        lang = new LanguageConfig(languages(s.get(LANGUAGES_SUPPORTED)), lang.detectorLanguages(), lang.windowChars(),
                lang.hanRatio(), lang.latinRatio(), lang.englishStopRatio());
        QualityConfig q = d.quality();
        q = new QualityConfig(s.get(QUALITY_MIN_WORDS), q.maxWords(), s.get(QUALITY_MIN_CHARS), q.maxChars(),
                q.minMeanWordLength(), q.maxMeanWordLength(), q.maxSymbolRatio(), q.maxDigitRatio(),
                q.maxBulletLineRatio(), q.maxEllipsisLineRatio(), q.maxDuplicateLineRatio(),
                q.maxTopNgramFraction(), q.maxDuplicateNgramFraction(), q.minStopWords(),
                q.minWordsForRatios(), q.minCharsForRatios(), q.cjkNgramScale());
        DedupConfig dedup = new DedupConfig(s.get(DEDUP_SHINGLE_WORDS), s.get(DEDUP_SHINGLE_CHARS),
                s.get(DEDUP_PERMUTATIONS), s.get(DEDUP_BANDS), s.get(DEDUP_CONFIRM_SIMILARITY), scope(s.get(DEDUP_SCOPE)));
        DecontaminationConfig decon = new DecontaminationConfig(s.get(DECONTAMINATION_NGRAM_WORDS),
                s.get(DECONTAMINATION_NGRAM_CHARS), d.decontamination().minOverlaps());
        return new CleaningConfig(s.get(MAX_BODY_BYTES), s.get(MAX_REPLACEMENT_RATIO), s.get(MAX_CONTROL_RATIO), lang,
                d.strip(), q, s.get(PII_ENABLED), piiMode(s.get(PII_MODE)), dedup, decon);
    }

    private static Set<String> languages(String csv) {
        Set<String> codes = new java.util.LinkedHashSet<>();
        for (String code : csv.split(",")) {
            if (!code.isBlank()) {
                codes.add(code.strip().toLowerCase(Locale.ROOT));
            }
        }
        require(!codes.isEmpty(), "languages.supported needs at least one ISO 639-1 code, e.g. en,zh");
        return codes;
    }

    private static PiiScrubber.Mode piiMode(String value) {
        try {
            return PiiScrubber.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cleaning configuration: pii.mode must be mask or surrogate, "
                    + "got '" + value + "'", e);
        }
    }

    private static DedupConfig.Scope scope(String value) {
        try {
            return DedupConfig.Scope.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cleaning configuration: dedup.scope must be global or "
                    + "partition, got '" + value + "'", e);
        }
    }

    /** The effective configuration as key = value lines, for the start-up log. */
    public Map<String, String> describe() {
        return Map.ofEntries(
                Map.entry("max.body.bytes", Long.toString(maxBodyBytes)),
                Map.entry("max.replacement.ratio", Double.toString(maxReplacementRatio)),
                Map.entry("max.control.ratio", Double.toString(maxControlRatio)),
                Map.entry("languages.supported", String.join(",", language.supported())),
                Map.entry("quality", quality.toString()),
                Map.entry("pii.enabled", Boolean.toString(pii)),
                Map.entry("pii.mode", piiMode.name().toLowerCase(Locale.ROOT)),
                Map.entry("dedup", dedup.toString()),
                Map.entry("decontamination", decontamination.toString()));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid cleaning configuration: " + message);
        }
    }
}
