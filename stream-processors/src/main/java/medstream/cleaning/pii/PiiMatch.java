package medstream.cleaning.pii;

/**
 * One identifier found in a text.
 *
 * @param type  its type
 * @param start first character (inclusive)
 * @param end   last character (exclusive)
 */
public record PiiMatch(PiiType type, int start, int end) {
    /** Whether the two spans share at least one character. */
    public boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }
}
