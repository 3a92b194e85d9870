package medstream.topics.admin;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Streams app's application id, the labeler, the trainer) is behind the end
 * of its input topics, and waiting until it has caught up: what a pipeline step needs to know before the
 * next step reads that group's output.
 *
 * <p>Lag of a partition is its end offset minus the group's committed offset (minus the earliest offset
 * when nothing is committed yet). A read_committed consumer's position moves past transaction markers,
 * so a caught-up group's committed offsets reach the end offsets of transactional topics too.
 */
public final class ConsumerLag {
    private static final long TIMEOUT_S = 30;
    private static final Duration POLL_EVERY = Duration.ofMillis(250);

    private ConsumerLag() {}

    /** Lag per partition of the given topics for a group. */
    public static Map<TopicPartition, Long> lag(Admin admin, String groupId, Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> {
                        TopicPartition tp = new TopicPartition(name, p.partition());
                        latest.put(tp, OffsetSpec.latest());
                        earliest.put(tp, OffsetSpec.earliest());
                    }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = admin.listOffsets(earliest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<TopicPartition, Long> lag = new HashMap<>();
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = committed.get(tp);
                long from = c == null ? start.get(tp).offset() : c.offset();
                lag.put(tp, Math.max(0, end.get(tp).offset() - from));
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the lag of group " + groupId + " on " + topics + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Reading the lag of group " + groupId + " timed out after " + TIMEOUT_S + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the lag of group " + groupId, e);
        }
    }

    /** Total lag of a group over the given topics. */
    public static long totalLag(Admin admin, String groupId, Collection<String> topics) {
        return lag(admin, groupId, topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Polls until the group's total lag over the topics is zero.
     *
     * @param onProgress receives the total lag after each poll (for a progress line)
     * @throws IllegalStateException naming the group and its remaining lag if the timeout passes first
     */
    public static void awaitCaughtUp(Admin admin, String groupId, Collection<String> topics, Duration timeout,
                                     LongConsumer onProgress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long total = totalLag(admin, groupId, topics);
            onProgress.accept(total);
            if (total == 0) return;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Consumer group " + groupId + " is still " + total + " record(s) behind "
                        + topics + " after " + timeout + "; is the application running and not failing? Check its log "
                        + "and the DLQ.");
            }
            try {
                Thread.sleep(POLL_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for group " + groupId, e);
            }
        }
    }
}
