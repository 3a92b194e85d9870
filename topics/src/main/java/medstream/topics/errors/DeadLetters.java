package medstream.topics.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import medstream.contracts.DeadLetter;

/** Builds {@link DeadLetter} records: every failure keeps its input bytes, coordinates and reason. */
public final class DeadLetters {
    private static final int MAX_STACK = 4_000;

    private DeadLetters() {}

    /**
     * A dead letter for a failed input record.
     *
     * @param service     application id of the failing service
     * @param topic       input topic (or {@code file:<path>})
     * @param partition   input partition (-1 for files)
     * @param offset      input offset (line number for files)
     * @param key         input key bytes, may be null
     * @param value       input value bytes, may be null
     * @param errorClass  error class or reason code (what summaries count by)
     * @param description what went wrong, for a person
     * @param cause       the exception, may be null
     */
    public static DeadLetter of(String service, String topic, int partition, long offset, byte[] key, byte[] value,
                                String errorClass, String description, Throwable cause) {
        return DeadLetter.newBuilder()
                .setService(service)
                .setTopic(topic == null ? "unknown" : topic)
                .setPartition(partition)
                .setOffset(offset)
                .setInputKey(key == null ? null : ByteBuffer.wrap(key))
                .setInputValue(value == null ? null : ByteBuffer.wrap(value))
                .setErrorClass(errorClass)
                .setDescription(description == null ? "(no description)" : description)
                .setStackTrace(cause == null ? null : stackTrace(cause))
                .setTimestamp(Instant.now())
                .build();
    }

    /** A dead letter for an exception: the error class is the exception's (root cause's) class. */
    public static DeadLetter of(String service, String topic, int partition, long offset, byte[] key, byte[] value,
                                Throwable cause) {
        Throwable root = rootCause(cause);
        String description = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (root != cause && root.getMessage() != null) description += " (caused by " + root + ")";
        return of(service, topic, partition, offset, key, value, errorClassOf(cause), description, cause);
    }

    /** The error class counted in summaries: the first exception in the chain that is not a generic wrapper. */
    public static String errorClassOf(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && isWrapper(current)) current = current.getCause();
        return current.getClass().getSimpleName();
    }

    private static boolean isWrapper(Throwable t) {
        String n = t.getClass().getSimpleName();
        return n.equals("StreamsException") || n.equals("RecordDeserializationException")
                || n.equals("ExecutionException") || n.equals("CompletionException")
                || (n.equals("SerializationException") && t.getClass().getPackageName().startsWith("org.apache.kafka"));
    }

    static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() <= MAX_STACK ? s : s.substring(0, MAX_STACK) + "\n... (truncated)";
    }
}
