package medstream.topics.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import medstream.contracts.DeadLetter;
import medstream.topics.serde.WireFormatException;
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
}
