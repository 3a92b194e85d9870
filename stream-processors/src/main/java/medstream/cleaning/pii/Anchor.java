package medstream.cleaning.pii;

/**
 * Where a rule can match, so that it is only tried in windows around those places instead of at every position:
 * most documents are published prose without identifiers and should cost little more than one scan.
 */
enum Anchor {
    /** "http" / "www." in a text with a '?'. */
    URL(0, 300),
    /** Each '@'. */
    AT(64, 256),
    /** Digit runs that can start an SSN (3 digits then '-') or a Chinese identity number (17+ digits). */
    SSN_DIGITS(2, 24),
    /**
     * Digit runs that can be part of a phone number: 3-4 digits followed by a separator, or after '(' or '+',
     * or 11 digits (Chinese mobile).
     */
    PHONE_DIGITS(8, 32),
    /** Digit runs of 1-5 digits followed by a space and a capital letter: a house number. */
    ADDRESS_DIGITS(2, 110),
    /** Each occurrence of one of the rule's label words (lower-cased). */
    KEYWORDS(24, 120);

    final int before;
    final int after;

    Anchor(int before, int after) {
        this.before = before;
        this.after = after;
    }
}
