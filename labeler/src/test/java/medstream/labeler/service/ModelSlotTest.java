package medstream.labeler.service;

import static org.assertj.core.api.Assertions.assertThat;

import medstream.labeler.testing.LexicalCueTestModel;
import org.junit.jupiter.api.Test;

class ModelSlotTest {

    @Test
    void givenAnOfferedModel_whenTheNextBatchStarts_thenItIsSwappedInAndTheOldOneClosed() {
        ModelSlot slot = new ModelSlot();
        LexicalCueTestModel v1 = new LexicalCueTestModel("v1");
        LexicalCueTestModel v2 = new LexicalCueTestModel("v2");
        slot.offer(v1);
        assertThat(slot.forNextBatch()).isSameAs(v1);

        slot.offer(v2);

        // Until the next batch starts, the batch in flight keeps v1 open.
        assertThat(v1.isClosed()).isFalse();
        assertThat(slot.latestVersion()).isEqualTo("v2");
        assertThat(slot.currentVersion()).isEqualTo("v1");
        assertThat(slot.forNextBatch()).isSameAs(v2);
        assertThat(v1.isClosed()).isTrue();
        assertThat(slot.currentVersion()).isEqualTo("v2");
    }

    @Test
    void givenTwoOffersBeforeABatch_whenTheBatchStarts_thenTheSkippedOneIsClosedAndTheNewestUsed() {
        ModelSlot slot = new ModelSlot();
        LexicalCueTestModel v2 = new LexicalCueTestModel("v2");
        LexicalCueTestModel v3 = new LexicalCueTestModel("v3");
        assertThat(slot.hasModel()).isFalse();

        slot.offer(v2);
        slot.offer(v3);

        assertThat(v2.isClosed()).isTrue();
        assertThat(slot.forNextBatch()).isSameAs(v3);
        slot.close();
        assertThat(v3.isClosed()).isTrue();
    }
}
