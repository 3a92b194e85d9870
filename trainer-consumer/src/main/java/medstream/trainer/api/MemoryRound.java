package medstream.trainer.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import medstream.trainer.RoundInput;
import medstream.trainer.RoundResult;
import medstream.trainer.StageEngine;
import medstream.trainer.format.Example;
import medstream.trainer.format.UnformattableRecordException;

/**
 * One round of records from memory: each record formatted once by the engine, the rows repeated once per epoch and
 * trained as one round, in which the round composer shuffles the rows of every epoch together.
 */
final class MemoryRound {
    private MemoryRound() {}

    /** The rows of one epoch, their tokens, and the records that fit no row ("id: reason"). */
    record Formatted(List<Example> rows, long tokens, List<String> unformattable) {}

    static <V> Formatted format(StageEngine<V> engine, List<V> records, Function<V, String> idOf,
            UnaryOperator<Example> edit) {
        List<Example> rows = new ArrayList<>(records.size());
        long tokens = 0;
        List<String> unformattable = new ArrayList<>();
        for (V r : records) {
            try {
                Example e = edit.apply(engine.format(r));
                rows.add(e);
                tokens += e.length();
            } catch (UnformattableRecordException e) {
                unformattable.add(idOf.apply(r) + ": " + e.reason());
            }
        }
        return new Formatted(rows, tokens, unformattable);
    }

    static TrainedVersion train(StageEngine<?> engine, Formatted once, int epochs) throws IOException {
        List<Example> rows = new ArrayList<>(once.rows().size() * epochs);
        for (int e = 0; e < epochs; e++) {
            rows.addAll(once.rows());
        }
        long parameters = engine.model().parameterCount();
        RoundResult r = engine.trainRound(RoundInput.inMemory(rows, once.rows().size(), once.tokens()));
        return new TrainedVersion(r.checkpoint(), parameters, once.rows().size(), once.unformattable(), once.tokens(),
                r.steps(), r.trainedTokens(), engine.state().lossCurve(), r.finalLoss(), r.trainSeconds(),
                r.tokensPerSecond(), r.checkpointSeconds());
    }
}
