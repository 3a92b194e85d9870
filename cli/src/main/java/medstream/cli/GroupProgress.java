package medstream.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The part of a service's status line that the broker knows: how far its consumer groups are behind the end of
 * what they consume (the partitions they committed offsets for) and how fast their committed offsets moved since
 * the previous line. A status line must not take the service down, so a broker that does not answer reads "lag ?".
 */
final class GroupProgress implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final List<String> groups;
    private long lastCommitted = -1;
    private long lastNanos;

    GroupProgress(String bootstrap, Map<String, Object> clientOverrides, List<String> groups) {
        Map<String, Object> config = new HashMap<>(clientOverrides);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(config);
        this.groups = List.copyOf(groups);
    }

    /** {@code lag 12, 3.4 rec/s}, {@code lag -} before the first commit, {@code lag ?} when the broker does not answer. */
    String describe() {
        try {
            Measure m = measure();
            return m == null ? "lag -" : "lag " + m.lag() + ", " + rate(m.committed());
        } catch (ExecutionException | TimeoutException e) {
            return "lag ?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "lag ?";
        }
    }

    /**
     * Records the groups are behind the end of the partitions they committed offsets for, -1 before their first commit.
     * Safe to call from another thread than {@link #describe()} (the metrics endpoint's).
     *
     * @throws IllegalStateException when the broker does not answer within 5 s
     */
    long lag() {
        try {
            Measure m = measure();
            return m == null ? -1 : m.lag();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("consumer lag of " + groups + " unknown: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the consumer lag of " + groups, e);
        }
    }

    private record Measure(long lag, long committed) { }

    private Measure measure() throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            offsets.forEach((tp, o) -> { if (o != null) committed.merge(tp, o.offset(), Long::sum); });
        }
        if (committed.isEmpty()) return null;
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).entrySet()) {
            lag += Math.max(0, e.getValue().offset() - committed.get(e.getKey()));
        }
        return new Measure(lag, committed.values().stream().mapToLong(Long::longValue).sum());
    }

    private String rate(long committedTotal) {
        long now = System.nanoTime();
        String rate = lastCommitted < 0 ? "- rec/s"
                : String.format(Locale.ROOT, "%.1f rec/s", (committedTotal - lastCommitted) / ((now - lastNanos) / 1e9));
        lastCommitted = committedTotal;
        lastNanos = now;
        return rate;
    }

    @Override
    public void close() { admin.close(Duration.ofSeconds(5)); }
}
