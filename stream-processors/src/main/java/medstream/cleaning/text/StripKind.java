package medstream.cleaning.text;

/** What the {@link Stripper} removed, counted in lines (copyright: in sentences). */
public enum StripKind {
    /** Reference list headings and everything after, and citation-looking lines. */
    REFERENCES,
    /** Appendix headings and everything after. */
    APPENDIX,
    /** Pipe, grid and tab tables, and runs of numeric rows. */
    TABLE,
    /** Figure and table captions. */
    CAPTION,
    /** Lines repeated across a document: running titles, headers, footers. */
    REPEATED_LINE,
    /** Page-number lines. */
    PAGE_NUMBER,
    /** Copyright and rights boilerplate. */
    COPYRIGHT
}
