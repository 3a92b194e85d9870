package medstream.cleaning;

/**
 * Stable reason codes written to {@code CleanReject.reasonCode}. Dashboards and the summary group by these names,
 * so they are never renamed; new ones are added at the end.
 */
public enum ReasonCode {
    /** Nothing left: empty body, or nothing left after stripping. */
    EMPTY,
    /** Body larger than {@link CleaningConfig#maxBodyBytes()}. */
    TOO_LARGE,
    /** Too many U+FFFD characters: the producer's bytes were not valid UTF-8. */
    INVALID_UTF8,
    /** Too many raw control characters: binary content in a text field. */
    BINARY,
    /** Language not in {@link CleaningConfig.LanguageConfig#supported()}; detail holds the detected code. */
    LANGUAGE,
    /** Too few words (en) or characters (zh). */
    QUALITY_MIN_LENGTH,
    /** Too many words or characters. */
    QUALITY_MAX_LENGTH,
    /** Mean word length outside Gopher's band. */
    QUALITY_MEAN_WORD_LENGTH,
    /** Too many '#' and ellipses per word. */
    QUALITY_SYMBOL_RATIO,
    /** Too many digits. */
    QUALITY_DIGIT_RATIO,
    /** Too many bullet lines. */
    QUALITY_BULLET_LINES,
    /** Too many lines ending with an ellipsis. */
    QUALITY_ELLIPSIS_LINES,
    /** Too many duplicated lines. */
    QUALITY_DUPLICATE_LINES,
    /** One n-gram covers too much of the text. */
    QUALITY_TOP_NGRAM,
    /** Repeated n-grams cover too much of the text. */
    QUALITY_DUPLICATE_NGRAM,
    /** Too few stop words / function characters: not running prose. */
    QUALITY_STOP_WORDS,
    /** Same content hash as an earlier document; detail holds its id. */
    EXACT_DUPLICATE,
    /** MinHash near duplicate of an earlier document; detail holds its id. */
    NEAR_DUPLICATE,
    /** Shares an n-gram with an evaluation item; detail holds the item id. */
    CONTAMINATED
}
