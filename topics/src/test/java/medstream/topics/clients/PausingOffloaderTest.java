package medstream.topics.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which partitions a running task holds paused, and what the caller gets back when it ends. */
class PausingOffloaderTest {
    private static final TopicPartition DATA_0 = new TopicPartition("data", 0);
    private static final TopicPartition DATA_1 = new TopicPartition("data", 1);
    private static final TopicPartition CONTROL = new TopicPartition("control", 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final PausingOffloader<String> offloader = new PausingOffloader<>(consumer,
            PausingOffloader.singleThread("offloader-test", true), tp -> tp.topic().equals("data"));

    @AfterEach
    void close() {
        offloader.close();
    }

    @Test
    void givenARunningTask_whenPolling_thenOnlyTheHeldPartitionsArePausedUntilItIsFinished() throws Exception {
        consumer.assign(List.of(DATA_0, CONTROL));
        CountDownLatch release = new CountDownLatch(1);

        offloader.start(() -> {
            release.await();
            return "trained";
        });

        assertThat(consumer.paused()).containsExactly(DATA_0);
        assertThat(offloader.busy()).isTrue();
        assertThat(offloader.done()).isFalse();
        release.countDown();
        assertThat(offloader.finish()).isEqualTo("trained");
        assertThat(consumer.paused()).isEmpty();
        assertThat(offloader.busy()).isFalse();
    }

    @Test
    void givenAPartitionAssignedWhileATaskRuns_whenAssigned_thenItStartsPausedAndIdleAssignmentsDoNot() throws Exception {
        consumer.assign(List.of(DATA_0));
        offloader.onAssigned(List.of(DATA_1));
        assertThat(consumer.paused()).isEmpty();
        CountDownLatch release = new CountDownLatch(1);
        offloader.start(() -> {
            release.await();
            return "done";
        });

        consumer.assign(List.of(DATA_0, DATA_1, CONTROL));
        offloader.onAssigned(List.of(DATA_1, CONTROL));

        assertThat(consumer.paused()).isEqualTo(Set.of(DATA_0, DATA_1));
        release.countDown();
        offloader.finish();
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void givenAFailingTask_whenFinished_thenItsErrorIsTheCauseAndThePartitionsAreResumedForTheNext() throws Exception {
        consumer.assign(List.of(DATA_0));
        offloader.start(() -> {
            throw new IllegalStateException("model ran out of memory");
        });
        offloader.await();

        assertThat(offloader.done()).isTrue();
        assertThatThrownBy(offloader::finish).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("model ran out of memory");
        assertThat(consumer.paused()).isEmpty();
        offloader.start(() -> "next");
        assertThat(offloader.finish()).isEqualTo("next");
    }

    @Test
    void givenARunningTask_whenStartingAnother_thenItIsRefused() {
        consumer.assign(List.of(DATA_0));
        CountDownLatch release = new CountDownLatch(1);
        offloader.start(() -> {
            release.await();
            return "first";
        });

        assertThatThrownBy(() -> offloader.start(() -> "second")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finish()");
        release.countDown();
    }

    @Test
    void givenATaskThatWaitsForever_whenClosed_thenItIsInterruptedAndTheThreadEnds() throws Exception {
        consumer.assign(List.of(DATA_0));
        offloader.start(() -> {
            new CountDownLatch(1).await();
            return "never";
        });

        offloader.close();

        assertThat(offloader.awaitTermination(Duration.ofSeconds(30))).isTrue();
    }
}
