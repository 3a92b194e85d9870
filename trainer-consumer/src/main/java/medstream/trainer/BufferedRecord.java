package medstream.trainer;

import medstream.trainer.format.Example;
import medstream.trainer.format.UnformattableRecordException;

/**
 * An input record in a {@link PartitionBuffer}: its coordinates and raw bytes (a dead letter carries them), and what
 * reading and formatting it gave.
 *
 * @param <V> record type of the stage
 */
final class BufferedRecord<V> {
    final int partition;
    final long offset;
    final byte[] key;
    final byte[] value;
    final long timestamp;
    final long arrivalNanos;
    V record;
    Example formatted;
    UnformattableRecordException error;
    /** A tombstone, or a record a later tombstone of its key withdrew: never trained, never a dead letter. */
    boolean withdrawn;

    BufferedRecord(int partition, long offset, byte[] key, byte[] value, long timestamp, long arrivalNanos) {
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.arrivalNanos = arrivalNanos;
    }
}
