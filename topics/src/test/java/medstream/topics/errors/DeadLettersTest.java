package medstream.topics.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import medstream.contracts.DeadLetter;
import medstream.topics.serde.WireFormatException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/** What a dead letter records, and which class summaries count a failure under. */
class DeadLettersTest {

    @Test
    void givenKafkaWrappers_whenClassified_thenTheErrorClassIsTheFirstMeaningfulCause() {
        WireFormatException wire = new WireFormatException(WireFormatException.Kind.BAD_MAGIC_BYTE, "t", "0x01", null);
        Exception wrapped = new StreamsException(new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE, new TopicPartition("t", 0), 5L,
                0L, TimestampType.CREATE_TIME, null, null, null, "failed", wire));

        assertThat(DeadLetters.errorClassOf(wrapped)).isEqualTo("WireFormatException");
        assertThat(DeadLetters.errorClassOf(new ExecutionException(new IllegalStateException("x"))))
                .isEqualTo("IllegalStateException");
        assertThat(DeadLetters.errorClassOf(new SerializationException("x", new NullPointerException("y"))))
                .isEqualTo("NullPointerException");
        // WireFormatException extends Kafka's SerializationException but is the meaningful one itself.
        assertThat(DeadLetters.errorClassOf(new WireFormatException(WireFormatException.Kind.UNDECODABLE, "t", "m",
                new EOFException()))).isEqualTo("WireFormatException");
    }

    @Test
    void givenAWrappedException_whenDeadLettered_thenDescriptionCarriesTheRootCauseAndTheBytesAreKept() {
        Exception e = new StreamsException("task failed", new IllegalArgumentException("fold must be 0-9, got 12"));

        DeadLetter letter = DeadLetters.of("ingest", "file:data/pqal.json", -1, 42L, null, new byte[] {1, 2, 3}, e);

        assertThat(letter.getErrorClass()).isEqualTo("IllegalArgumentException");
        assertThat(letter.getDescription()).contains("task failed").contains("fold must be 0-9, got 12");
        assertThat(letter.getInputKey()).isNull();
        assertThat(letter.getInputValue()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(letter.getTopic()).isEqualTo("file:data/pqal.json");
        assertThat(letter.getPartition()).isEqualTo(-1);
        assertThat(letter.getOffset()).isEqualTo(42L);
        // the root cause survives even when the outer exception's frames are deep (as they are under JUnit or Streams)
        assertThat(letter.getStackTrace()).startsWith("org.apache.kafka.streams.errors.StreamsException: task failed")
                .contains("Caused by: java.lang.IllegalArgumentException: fold must be 0-9, got 12")
                .hasSizeLessThanOrEqualTo(4_000 + "\n... (truncated)".length());
    }

    @Test
    void givenAnInputValueLargerThanADeadLetterMayHold_whenDeadLettered_thenItsHeadIsKeptAndTheDescriptionSaysSo() {
        byte[] huge = new byte[50 * 1024 * 1024];
        huge[0] = 42;

        DeadLetter letter = DeadLetters.of("ingest", "file:docs/huge.jsonl", -1, 1L, "k".getBytes(), huge,
                "StreamConstraintsException", "Cannot parse docs/huge.jsonl:1: string too long", null);

        assertThat(letter.getInputValue().remaining()).isEqualTo(DeadLetters.MAX_INPUT_BYTES);
        assertThat(letter.getInputValue().get(0)).isEqualTo((byte) 42);
        assertThat(letter.getInputKey()).isEqualTo(ByteBuffer.wrap("k".getBytes()));
        assertThat(letter.getDescription()).startsWith("Cannot parse docs/huge.jsonl:1")
                .contains("cut to its first " + DeadLetters.MAX_INPUT_BYTES + " of " + huge.length + " bytes");
    }

    @Test
    void givenLettersOfEveryProducer_whenMadeRecords_thenEachIsKeyedByItsInputKeyOrElseItsCoordinates() {
        DeadLetter keyed = DeadLetters.of("labeler", "medstream.label.requests", 1, 7L,
                "pubmedqa:123".getBytes(StandardCharsets.UTF_8), new byte[] {1}, "BAD_RECORD", "unreadable", null);
        DeadLetter line = DeadLetters.of("medstream-ingest", "file:pubmedqa/ori_pqau.json", -1, 12L, null,
                new byte[] {1}, "MalformedEntryException", "not JSON", null);
        DeadLetter keyless = DeadLetters.of("medstream-cleaning", "medstream.raw.documents", 0, 5L, null, new byte[] {1},
                "MissingKeyException", "no key", null);

        assertThat(new String(DeadLetters.record("dlq", keyed, new byte[0]).key(), StandardCharsets.UTF_8))
                .isEqualTo("pubmedqa:123");
        assertThat(new String(DeadLetters.record("dlq", line, new byte[0]).key(), StandardCharsets.UTF_8))
                .isEqualTo("file:pubmedqa/ori_pqau.json:12");
        assertThat(new String(DeadLetters.record("dlq", keyless, new byte[0]).key(), StandardCharsets.UTF_8))
                .isEqualTo("medstream.raw.documents-0@5");
    }

    @Test
    void givenAnInputTimestamp_whenStamped_thenTheRecordCarriesItAndWithoutOneTheProducerClockDecides() {
        DeadLetter letter = DeadLetters.of("labeler", "t", 0, 1L, null, null, "BAD_RECORD", "unreadable", null);
        assertThat(DeadLetters.record("dlq", DeadLetters.stamped(letter, -1L), new byte[0]).timestamp()).isNull();
        assertThat(letter.getInputTimestamp()).isNull();

        ProducerRecord<byte[], byte[]> r = DeadLetters.record("dlq", DeadLetters.stamped(letter, 1_650_000_000_000L),
                new byte[] {9});
        assertThat(r.timestamp()).isEqualTo(1_650_000_000_000L);
        assertThat(letter.getInputTimestamp()).isEqualTo(Instant.ofEpochMilli(1_650_000_000_000L));
        assertThat(r.topic()).isEqualTo("dlq");
        assertThat(r.partition()).isNull();
        assertThat(r.value()).containsExactly(9);
    }
}
