package medstream.trainer.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import medstream.trainer.format.Example;

/**
 * What a round trains on: its new rows plus replayed rows of earlier rounds, in a shuffled order that
 * depends only on the seed and the round number.
 */
public final class RoundComposer {

    private RoundComposer() {}

    /**
     * The rows of a round and the reservoir update. The replay sample is drawn before the new rows enter
     * the reservoir, so a round never "replays" its own data.
     *
     * @param newRows rows made from this round's records
     * @param reservoir the stage's reservoir; the new rows are offered to it
     * @param replayFraction replayed rows per new row
     * @param replayAllWhenEmpty when there are no new rows (a re-adaptation round on a new parent version),
     *     replay the whole reservoir
     * @param seed stage seed
     * @param round round number (0-based, over the stage's lineage)
     * @return the composed round
     */
    public static Composition compose(List<Example> newRows, ReplayReservoir reservoir, double replayFraction,
            boolean replayAllWhenEmpty, long seed, long round) {
        int replayCount = newRows.isEmpty() && replayAllWhenEmpty ? reservoir.size()
                : (int) Math.min(reservoir.size(), Math.round(newRows.size() * replayFraction));
        List<Example> replay = reservoir.sample(replayCount, round);
        reservoir.offerAll(newRows);
        List<Example> rows = new ArrayList<>(newRows.size() + replay.size());
        rows.addAll(newRows);
        rows.addAll(replay);
        Collections.shuffle(rows, new Random(seed * 31 + round));
        return new Composition(rows, newRows.size(), replay.size());
    }

    /**
     * @param rows rows in training order
     * @param newRows how many of them are new
     * @param replayRows how many are replayed
     */
    public record Composition(List<Example> rows, int newRows, int replayRows) { }
}
