package medstream.cleaning.pii;

/** Date regular expressions shared by the date-of-birth rule and the date detector. */
final class DatePatterns {
    /** A month name or abbreviation, loose enough for "Sept." and "Febr". */
    static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.?";
    /** A month name or abbreviation, exact, so that "Marked" or "Decreased" do not start a date. */
    static final String MONTH_EXACT = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b\\.?";
    /** Dates the date-of-birth label may be followed by: day-specific, or year and month in Chinese. */
    static final String FULL_OR_MONTH = "(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)?\\d{2}"
            + "|(?:19|20)\\d{2}[/.-]\\d{1,2}[/.-]\\d{1,2}"
            + "|" + MONTH + "\\s+\\d{1,2},?\\s+(?:19|20)\\d{2}"
            + "|\\d{1,2}\\s+" + MONTH + ",?\\s+(?:19|20)\\d{2}"
            + "|(?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*日)?)";

    private DatePatterns() {
    }
}
