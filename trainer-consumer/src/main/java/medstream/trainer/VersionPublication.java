package medstream.trainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import medstream.contracts.ModelVersion;
import medstream.topics.Topic;
import medstream.topics.config.ClientOverrides;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether a version already has its record on {@code model.versions}. A trainer killed between writing a checkpoint
 * and publishing its record resumes from that checkpoint, and without this nothing downstream would ever learn of the
 * version; so on start the resumed version's record (kept in the checkpoint) is published when the topic lacks it.
 * Republishing the identical record would be harmless on the compacted topic, but readers of the whole log (the chaos
 * auditor, a follower replaying) would see it twice, so it is looked up first.
 */
final class VersionPublication {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private VersionPublication() {}

    /**
     * True when a committed record keyed {@code version} is on {@code topic} (read from the beginning to the end
     * offsets taken now, without a consumer group).
     *
     * @throws IllegalStateException when the topic cannot be read to its end within 30 s
     */
    static boolean isPublished(TrainerContext ctx, Topic<String, ModelVersion> topic, String version) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putAll(ClientOverrides.forConsumer(ctx.consumerOverrides()));
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        byte[] key = version.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic.name(), READ_TIMEOUT).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end within " + READ_TIMEOUT
                            + " to check whether " + version + " was published; is the broker reachable?");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && Arrays.equals(key, r.key())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
