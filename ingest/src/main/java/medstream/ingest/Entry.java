package medstream.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One result of parsing a data file: a record to produce, an entry that could not be parsed (it goes to
 * the dead-letter topic) or an entry that is deliberately not ingested (counted by reason in the summary).
 * Adapters return a stream of these so nothing a file holds is dropped without a trace.
 */
public sealed interface Entry permits Entry.Produce, Entry.Failure, Entry.Skip {
    /** Skip reason: a question without an answer (MedQuAD's MedlinePlus collections). */
    String SKIPPED_UNANSWERED = "skipped_unanswered";
    /** Skip reason: the same fact or term was already produced from another file of the data set. */
    String SKIPPED_DUPLICATE = "skipped_duplicate";

    /** Where the entry came from. */
    Origin origin();

    /**
     * A parsed record. The topic follows from the value's type (see {@code RawTopics}).
     *
     * @param origin where it came from
     * @param key    stable id {@code <source>:<native id>}, the Kafka key
     * @param value  the Avro record
     */
    record Produce(Origin origin, String key, SpecificRecord value) implements Entry {
        public Produce {
            Objects.requireNonNull(origin);
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An entry that could not be parsed.
     *
     * @param origin      where it came from
     * @param raw         the raw bytes of the line or entry, as read
     * @param errorClass  error class or reason code
     * @param description what went wrong and what to do
     * @param cause       the exception, may be null
     */
    record Failure(Origin origin, byte[] raw, String errorClass, String description, Throwable cause)
            implements Entry {
        /** A failure for an exception thrown while parsing {@code raw}. */
        public static Failure of(Origin origin, String raw, Throwable cause) {
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            return new Failure(origin, raw == null ? null : raw.getBytes(StandardCharsets.UTF_8),
                    cause.getClass().getSimpleName(), "Cannot parse " + origin + ": " + message, cause);
        }
    }

    /**
     * An entry that is not ingested on purpose.
     *
     * @param origin where it came from
     * @param reason reason code, e.g. {@link #SKIPPED_UNANSWERED}
     */
    record Skip(Origin origin, String reason) implements Entry { }
}
