package medstream.trainer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import medstream.trainer.format.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReservoirTest {

    @Test
    void givenManyOffers_whenFull_thenCapacityHoldsAndEveryPartOfTheStreamIsRepresented() {
        ReplayReservoir r = new ReplayReservoir(200, 7);
        for (int i = 0; i < 10_000; i++) {
            r.offer(row(i));
        }
        assertThat(r.size()).isEqualTo(200);
        assertThat(r.seen()).isEqualTo(10_000);
        int[] perTenth = new int[10];
        r.items().forEach(e -> perTenth[e.tokens()[0] / 1000]++);
        // Uniform sampling puts ~20 of 200 in each tenth; algorithm R with a bug (e.g. keeping the first or
        // the last rows) would leave tenths empty or hold all 200 in one.
        for (int count : perTenth) {
            assertThat(count).isBetween(5, 40);
        }
    }

    @Test
    void givenASavedReservoir_whenLoadedAndFedOn_thenItBehavesExactlyLikeTheUninterruptedOne(@TempDir Path dir)
            throws Exception {
        ReplayReservoir uninterrupted = new ReplayReservoir(50, 3);
        ReplayReservoir before = new ReplayReservoir(50, 3);
        for (int i = 0; i < 300; i++) {
            uninterrupted.offer(row(i));
            before.offer(row(i));
        }
        before.save(dir.resolve("r.bin"));
        ReplayReservoir resumed = ReplayReservoir.load(dir.resolve("r.bin"));
        assertThat(resumed.items()).isEqualTo(before.items());
        for (int i = 300; i < 600; i++) {
            uninterrupted.offer(row(i));
            resumed.offer(row(i));
        }
        assertThat(resumed.items()).isEqualTo(uninterrupted.items());
        assertThat(resumed.sample(10, 4)).isEqualTo(uninterrupted.sample(10, 4));
    }

    @Test
    void givenADraw_whenSampled_thenRowsAreDistinctAndTheSameDrawRepeats() {
        ReplayReservoir r = new ReplayReservoir(100, 1);
        for (int i = 0; i < 100; i++) {
            r.offer(row(i));
        }
        List<Example> a = r.sample(30, 5);
        assertThat(new HashSet<>(a)).hasSize(30);
        assertThat(r.sample(30, 5)).isEqualTo(a);
        assertThat(r.sample(30, 6)).isNotEqualTo(a);
        assertThat(r.sample(500, 5)).hasSize(100);
    }

    @Test
    void givenNewRows_whenComposed_thenReplayIsTheFractionAndNeverThisRoundsOwnRows() {
        ReplayReservoir r = new ReplayReservoir(100, 1);
        List<Example> old = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            old.add(row(i));
        }
        r.offerAll(old);
        List<Example> fresh = new ArrayList<>();
        for (int i = 1000; i < 1020; i++) {
            fresh.add(row(i));
        }
        RoundComposer.Composition c = RoundComposer.compose(fresh, r, 0.25, false, 9, 2);
        assertThat(c.newRows()).isEqualTo(20);
        assertThat(c.replayRows()).isEqualTo(5);
        assertThat(c.rows()).hasSize(25).containsAll(fresh);
        assertThat(c.rows().stream().filter(e -> !fresh.contains(e))).allMatch(old::contains);
        assertThat(r.seen()).isEqualTo(60);
        assertThat(RoundComposer.compose(List.of(), r, 0.25, true, 9, 3).replayRows()).isEqualTo(r.size());
    }

    private static Example row(int id) {
        return new Example(new int[] {id, id + 1}, new float[] {1f}, 1f);
    }
}
