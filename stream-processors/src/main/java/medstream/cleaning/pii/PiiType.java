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
    DOB("[DOB]"),
    /** Person names: patients, relatives, clinicians (English and Chinese). */
    NAME("[NAME]"),
    /** Dates more specific than a year that belong to a person: admission, discharge, visit, procedure, death. */
    DATE("[DATE]"),
    /** Ages over 89 (HIPAA Safe Harbor keeps younger ages). */
    AGE("[AGE]"),
    /** Names of hospitals, clinics and other organisations of care. */
    FACILITY("[FACILITY]"),
    /** IPv4 and labeled IPv6 addresses. */
    IP("[IP]"),
    /** Device identifiers and serial numbers after their label (serial number, S/N, UDI, IMEI, 序列号 ...). */
    DEVICE("[DEVICE]"),
    /** Vehicle identifiers: labeled licence plates and VINs, Chinese plates. */
    VEHICLE("[VEHICLE]");

    private final String placeholder;

    PiiType(String placeholder) {
        this.placeholder = placeholder;
    }

    /** The text that replaces an identifier of this type. */
    public String placeholder() {
        return placeholder;
    }
}
