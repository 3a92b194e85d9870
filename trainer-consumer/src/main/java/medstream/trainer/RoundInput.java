package medstream.trainer;

import java.util.List;
import java.util.Map;
import medstream.trainer.format.Example;
import medstream.trainer.round.RoundPlanner;

/**
 * The new data of one round, in partition then offset order.
 *
 * @param formatted the formatted records (stage 1: documents to pack; stages 2-3: rows)
 * @param ranges per partition, {from, to}: the half-open offset range this round consumes; {@code to} is
 *     the next offset to read and goes into the checkpoint
 * @param recordsPerPartition records trained on per partition
 * @param tokensPerPartition formatted tokens per partition
 * @param deadLetters records of the range that went to the dead-letter topic
 * @param reason why the round started
 */
public record RoundInput(List<Example> formatted, Map<Integer, long[]> ranges, Map<Integer, Long> recordsPerPartition,
        Map<Integer, Long> tokensPerPartition, long deadLetters, RoundPlanner.Reason reason) {

    /**
     * Rows from memory, for an engine that reads no topic ({@link StageEngine#openFromParent}): no offset ranges, the
     * records and tokens counted as one partition (0).
     *
     * @param rows the formatted rows, in training order before the round's shuffle
     * @param records the records they were made from
     * @param tokens their tokens
     */
    public static RoundInput inMemory(List<Example> rows, long records, long tokens) {
        return new RoundInput(rows, Map.of(), Map.of(0, records), Map.of(0, tokens), 0, RoundPlanner.Reason.CAUGHT_UP);
    }
}
