package medstream.cleaning.pii;

/** Kinds of personal identifiers the scrubber replaces, each with its placeholder. */
public enum PiiType {
    /** E-mail addresses. */
    EMAIL("[EMAIL]"),
    /** US and Chinese phone numbers (mobile and landline), and labeled phone/fax numbers. */
    PHONE("[PHONE]"),
    /** US social security numbers and Chinese resident identity numbers. */
    SSN("[SSN]"),
    /** Medical record / patient / admission numbers after their label (MRN, 病历号, 住院号 ...). */
    MRN("[MRN]"),
    /** URLs that carry a query string (which often holds identifiers); plain URLs are kept. */
    URL("[URL]"),
    /** Street addresses: English number + street + suffix, Chinese 省/市/区/路/号 chains. */
    ADDRESS("[ADDRESS]"),
    /** Dates after a date-of-birth label (DOB, date of birth, 出生日期 ...). */
    DOB("[DOB]");

    private final String placeholder;

    PiiType(String placeholder) {
        this.placeholder = placeholder;
    }

    /** The text that replaces an identifier of this type. */
    public String placeholder() {
        return placeholder;
    }
}
