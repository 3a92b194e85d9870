package medstream.cli.chaos;

/**
 * One committed record as the {@link Auditor} sees it.
 *
 * @param partition its partition
 * @param offset its offset
 * @param key the record key (string keys everywhere in medstream)
 * @param content a fingerprint of the value bytes: two records with the same key and content are the same output
 * @param value the decoded Avro value (a {@code medstream.contracts} record)
 */
public record AuditRecord(int partition, long offset, String key, String content, Object value) {}
