package medstream.cleaning.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BandFilterTest {

    @Test
    void givenAddedKeys_whenQueried_thenAllAreFoundAndFewOthersAre() {
        LongBloomFilter filter = new LongBloomFilter(100_000);
        SplittableRandom random = new SplittableRandom(3);
        long[] added = new long[100_000];
        for (int i = 0; i < added.length; i++) {
            added[i] = random.nextLong();
            filter.add(added[i]);
        }
        for (long key : added) {
            assertThat(filter.mightContain(key)).isTrue();
        }
        int falsePositives = 0;
        for (int i = 0; i < 100_000; i++) {
            falsePositives += filter.mightContain(random.nextLong()) ? 1 : 0;
        }
        // 10 bits and 7 probes per key: ~0.8% in theory.
        assertThat(falsePositives / 100_000.0).isLessThan(0.02);
        assertThat(filter.isFull()).isFalse();
        filter.add(1L);
        assertThat(filter.isFull()).isTrue();
    }
}
