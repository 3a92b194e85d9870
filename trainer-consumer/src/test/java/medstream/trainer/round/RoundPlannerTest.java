package medstream.trainer.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import medstream.trainer.round.RoundPlanner.Cut;
import medstream.trainer.round.RoundPlanner.Pending;
import medstream.trainer.round.RoundPlanner.Reason;
import org.junit.jupiter.api.Test;

class RoundPlannerTest {

    @Test
    void givenOnePartitionFullAndTheOtherStillFetching_whenPlanned_thenTheRoundWaits() {
        SortedMap<Integer, List<Pending>> pending = pending(5, 1);
        Optional<Cut> cut = RoundPlanner.plan(pending, Set.of(0), 4, Long.MAX_VALUE, false, null);
        assertThat(cut).isEmpty();
    }

    @Test
    void givenOnePartitionFullAndTheOtherCaughtUp_whenPlanned_thenTheRoundTakesEachPartitionsShare() {
        Optional<Cut> cut = RoundPlanner.plan(pending(5, 1), Set.of(1), 4, Long.MAX_VALUE, false, null);
        assertThat(cut).hasValueSatisfying(c -> {
            assertThat(c.reason()).isEqualTo(Reason.SIZE);
            assertThat(c.take()).isEqualTo(Map.of(0, 2, 1, 1));
        });
    }

    @Test
    void givenTheSameOffsetsBufferedInAnotherPollOrder_whenPlanned_thenTheCutIsTheSame() {
        // Two consumers that fetched the same partitions in different poll orders hold the same per-partition
        // lists once both are caught up: the cut is a function of those lists only.
        SortedMap<Integer, List<Pending>> a = pending(7, 3);
        SortedMap<Integer, List<Pending>> b = new TreeMap<>();
        b.put(1, a.get(1));
        b.put(0, a.get(0));
        assertThat(RoundPlanner.plan(a, Set.of(0, 1), 6, Long.MAX_VALUE, true, null))
                .isEqualTo(RoundPlanner.plan(b, Set.of(1, 0), 6, Long.MAX_VALUE, true, null));
    }

    @Test
    void givenTokenLimit_whenPlanned_thenEachPartitionStopsAtItsTokenShare() {
        SortedMap<Integer, List<Pending>> pending = new TreeMap<>();
        pending.put(0, List.of(new Pending(0, 30), new Pending(1, 30), new Pending(2, 30)));
        pending.put(1, List.of(new Pending(0, 100), new Pending(1, 5)));
        Optional<Cut> cut = RoundPlanner.plan(pending, Set.of(), 1000, 100, false, null);
        // share 50 tokens: partition 0 takes 2 records (60 tokens), partition 1 one record (100 tokens)
        assertThat(cut).hasValueSatisfying(c -> assertThat(c.take()).isEqualTo(Map.of(0, 2, 1, 1)));
    }

    @Test
    void givenEverythingCaughtUpBelowTheLimits_whenPlanned_thenOnlyTheCaughtUpTriggerFires() {
        SortedMap<Integer, List<Pending>> pending = pending(2, 1);
        assertThat(RoundPlanner.plan(pending, Set.of(0, 1), 100, Long.MAX_VALUE, false, null)).isEmpty();
        assertThat(RoundPlanner.plan(pending, Set.of(0, 1), 100, Long.MAX_VALUE, true, null))
                .hasValueSatisfying(c -> {
                    assertThat(c.reason()).isEqualTo(Reason.CAUGHT_UP);
                    assertThat(c.records()).isEqualTo(3);
                });
    }

    @Test
    void givenAForcedReason_whenPlanned_thenWhatIsBufferedIsTakenWithinTheShares() {
        Optional<Cut> cut = RoundPlanner.plan(pending(1, 9), Set.of(), 10, Long.MAX_VALUE, false, Reason.AGE);
        assertThat(cut).hasValueSatisfying(c -> {
            assertThat(c.reason()).isEqualTo(Reason.AGE);
            assertThat(c.take()).isEqualTo(Map.of(0, 1, 1, 5));
        });
        assertThat(RoundPlanner.plan(pending(0, 0), Set.of(), 10, Long.MAX_VALUE, false, Reason.REQUESTED)).isEmpty();
        assertThat(RoundPlanner.plan(pending(0, 0), Set.of(), 10, Long.MAX_VALUE, false, Reason.REBASE))
                .hasValueSatisfying(c -> assertThat(c.records()).isZero());
    }

    private static SortedMap<Integer, List<Pending>> pending(int p0, int p1) {
        SortedMap<Integer, List<Pending>> m = new TreeMap<>();
        m.put(0, records(p0));
        m.put(1, records(p1));
        return m;
    }

    private static List<Pending> records(int n) {
        List<Pending> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Pending(100 + i, 10));
        }
        return out;
    }
}
