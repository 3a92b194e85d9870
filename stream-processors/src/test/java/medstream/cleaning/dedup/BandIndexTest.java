package medstream.cleaning.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BandIndexTest {

    @Test
    void givenDocumentsClaimingBands_whenLookedUp_thenEachBandBelongsToItsFirstDocument() {
        BandIndex index = BandIndex.forDocuments(0, 4);
        index.claim(new long[] {1, 2, 3, 4}, 4, "a", 10);
        index.claim(new long[] {4, 5, 6, 7}, 4, "b", 11);
        index.claim(new long[] {8, 9}, 1, "c", 12);

        assertThat(index.owner(4)).isEqualTo("a");
        assertThat(index.owner(5)).isEqualTo("b");
        assertThat(index.owner(8)).isEqualTo("c");
        assertThat(index.owner(9)).as("only the first count keys are claimed").isNull();
        assertThat(index.owner(42)).isNull();
        assertThat(index.bands()).isEqualTo(8);
    }

    @Test
    void givenAnIndexGrowingManyTimes_whenLookedUpDuringAndAfterEachGrowth_thenEveryOwnerIsKept() {
        // Starts at 2,048 documents' worth of 4 bands and grows incrementally several times: keys must be found
        // while they wait in the old table, and after they were moved.
        BandIndex index = BandIndex.forDocuments(0, 4);
        int documents = 200_000;
        for (int d = 0; d < documents; d++) {
            long[] bands = {d * 4L, d * 4L + 1, d * 4L + 2, d * 4L + 3};
            index.claim(bands, 4, "doc-" + d, d);
            if (d % 997 == 0) {
                for (int e = 0; e <= d; e += 113) {
                    assertThat(index.owner(e * 4L + 3)).isEqualTo("doc-" + e);
                }
            }
        }
        assertThat(index.bands()).isEqualTo(documents * 4);
        for (int d = 0; d < documents; d++) {
            assertThat(index.owner(d * 4L)).isEqualTo("doc-" + d);
        }
        assertThat(index.owner(documents * 4L)).isNull();
    }

    @Test
    void givenClaimsInAnyOrder_whenRebuilt_thenOwnersAreThoseOfArrivalOrder() {
        // A rebuild visits the signature store in key order, not arrival order: ownership must still go to the
        // document with the lowest arrival sequence, exactly as when the documents arrived one by one.
        Random random = new Random(3);
        int documents = 20_000;
        long[][] bands = new long[documents][];
        for (int d = 0; d < documents; d++) {
            bands[d] = new long[8];
            for (int b = 0; b < 8; b++) {
                // A small key space, so that most keys are shared by several documents.
                bands[d][b] = random.nextInt(50_000);
            }
        }
        BandIndex inArrivalOrder = BandIndex.forDocuments(0, 8);
        for (int d = 0; d < documents; d++) {
            inArrivalOrder.claim(bands[d], 8, "doc-" + d, d);
        }
        List<Integer> shuffled = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            shuffled.add(d);
        }
        Collections.shuffle(shuffled, random);
        // Starting small, it grows while lower sequences take keys over: shadowed old entries must not come back.
        BandIndex rebuilt = BandIndex.forDocuments(0, 8);
        for (int d : shuffled) {
            rebuilt.claim(bands[d], 8, "doc-" + d, d);
        }

        assertThat(rebuilt.bands()).isEqualTo(inArrivalOrder.bands()).isGreaterThan(40_000);
        for (long key = 0; key < 50_000; key++) {
            assertThat(rebuilt.owner(key)).as("owner of band %d", key).isEqualTo(inArrivalOrder.owner(key));
        }
    }
}
