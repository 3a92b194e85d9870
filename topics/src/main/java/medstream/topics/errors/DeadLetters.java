package medstream.topics.errors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import medstream.contracts.DeadLetter;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Builds {@link DeadLetter} records: every failure keeps its input bytes, coordinates and reason. */
public final class DeadLetters {
    private static final int MAX_STACK = 4_000;
    /**
     * The most input bytes a dead letter keeps of a key or value. A dead letter must fit where its input did not
     * (a 50 MB document refused by the producer, a record at the broker's 1 MiB limit plus a description and a stack
     * trace); a dead letter that cannot be written would stop ingestion or fail the Streams task.
     */
    public static final int MAX_INPUT_BYTES = 256 * 1024;
    private static final int FRAMES_PER_CAUSE = 12;

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
        String said = description == null ? "(no description)" : description;
        if (key != null && key.length > MAX_INPUT_BYTES) {
            said += "; input key cut to its first " + MAX_INPUT_BYTES + " of " + key.length + " bytes";
        }
        if (value != null && value.length > MAX_INPUT_BYTES) {
            said += "; input value cut to its first " + MAX_INPUT_BYTES + " of " + value.length
                    + " bytes (the whole of it would not fit in a dead letter)";
        }
        return DeadLetter.newBuilder()
                .setService(service)
                .setTopic(topic == null ? "unknown" : topic)
                .setPartition(partition)
                .setOffset(offset)
                .setInputKey(key == null ? null : ByteBuffer.wrap(key, 0, Math.min(key.length, MAX_INPUT_BYTES)).slice())
                .setInputValue(value == null ? null
                        : ByteBuffer.wrap(value, 0, Math.min(value.length, MAX_INPUT_BYTES)).slice())
                .setErrorClass(errorClass)
                .setDescription(said)
                .setStackTrace(cause == null ? null : stackTrace(cause))
                .setTimestamp(Instant.now())
                .build();
    }

    /**
     * The one way every DLQ producer writes a dead letter, so that all of them read alike: keyed by the input's key
     * bytes as read ({@link #keyOf}), stamped with the input's timestamp when it has one ({@code inputTimestamp}; a file
     * line has none and gets the producer's clock), on the partition the key picks.
     *
     * @param dlqTopic the dead-letter topic
     * @param letter   the dead letter, with {@code inputTimestamp} set where the input has one
     * @param value    the letter serialized for {@code dlqTopic}
     */
    public static ProducerRecord<byte[], byte[]> record(String dlqTopic, DeadLetter letter, byte[] value) {
        Instant at = letter.getInputTimestamp();
        return new ProducerRecord<>(dlqTopic, null, at == null ? null : at.toEpochMilli(), keyOf(letter), value);
    }

    /** {@code letter} with its input's timestamp, when the input has one (Kafka's "none" is negative). */
    public static DeadLetter stamped(DeadLetter letter, long inputTimestamp) {
        if (inputTimestamp >= 0) letter.setInputTimestamp(Instant.ofEpochMilli(inputTimestamp));
        return letter;
    }

    /**
     * A dead letter's key: its input's key bytes as read, so it can be found by the input's id; for input without a key
     * (a file line, a keyless record) its coordinates, {@code <topic>:<offset>} for a file ({@code file:<path>:<line>})
     * and {@code <topic>-<partition>@<offset>} for a record, in UTF-8.
     */
    public static byte[] keyOf(DeadLetter letter) {
        if (letter.getInputKey() != null) {
            ByteBuffer key = letter.getInputKey().duplicate();
            byte[] bytes = new byte[key.remaining()];
            key.get(bytes);
            return bytes;
        }
        String at = letter.getPartition() < 0 ? letter.getTopic() + ":" + letter.getOffset()
                : letter.getTopic() + "-" + letter.getPartition() + "@" + letter.getOffset();
        return at.getBytes(StandardCharsets.UTF_8);
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

    /**
     * The cause chain with the top frames of each link. A plain printStackTrace cut at MAX_STACK would
     * keep only the outermost wrapper's framework frames and lose the "Caused by" that says what broke.
     */
    private static String stackTrace(Throwable t) {
        StringBuilder s = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c != t) s.append("Caused by: ");
            s.append(c).append('\n');
            StackTraceElement[] frames = c.getStackTrace();
            int shown = Math.min(frames.length, FRAMES_PER_CAUSE);
            for (int i = 0; i < shown; i++) s.append("\tat ").append(frames[i]).append('\n');
            if (frames.length > shown) s.append("\t... ").append(frames.length - shown).append(" more\n");
        }
        return s.length() <= MAX_STACK ? s.toString() : s.substring(0, MAX_STACK) + "\n... (truncated)";
    }
}
