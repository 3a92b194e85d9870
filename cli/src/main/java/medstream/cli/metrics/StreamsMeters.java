package medstream.cli.metrics;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.Map;
import java.util.TreeMap;
import medstream.cleaning.streams.CleaningMetrics;
import medstream.topics.errors.DeadLetterCounter;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters of a Kafka Streams service: every Streams and client metric (Micrometer's {@link KafkaStreamsMetrics},
 * {@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*}), and medstream's own names read from the
 * same registry: records in and out per topic, dead letters (in all, and per error class from the app's
 * {@link DeadLetterCounter}), and rejects per reason code (the cleaning app's {@link CleaningMetrics}).
 */
public final class StreamsMeters {
    private StreamsMeters() {}

    /**
     * @param dlqTopic    the dead-letter topic's name: sends there count as dead letters, not as records out
     * @param deadLetters the counter attached to the app's configuration ({@link DeadLetterCounter#attachTo})
     */
    public static void bind(ServiceMeters meters, KafkaStreams streams, String dlqTopic, DeadLetterCounter deadLetters) {
        meters.bind(new KafkaStreamsMetrics(streams, meters.tags()));
        meters.countersByTag(Names.RECORDS_IN, "Records the service's consumers fetched, per input topic (not repartition "
                + "topics)", "topic", () -> {
                    Map<String, Double> in = perTopic(streams.metrics(), "consumer-fetch-manager-metrics", "records-consumed-total", false);
                    in.keySet().removeIf(t -> t.endsWith("-repartition"));
                    return in;
                });
        meters.countersByTag(Names.RECORDS_OUT, "Records the service sent, per output topic (not the dead-letter topic, "
                + "changelogs or repartition topics)", "topic", () -> {
                    Map<String, Double> out = perTopic(streams.metrics(), "producer-topic-metrics", "record-send-total", true);
                    out.keySet().removeIf(t -> t.equals(dlqTopic) || t.endsWith("-changelog") || t.endsWith("-repartition"));
                    return out;
                });
        meters.counter(Names.DEAD_LETTERS, "Records sent to the dead-letter topic",
                () -> perTopic(streams.metrics(), "producer-topic-metrics", "record-send-total", true).getOrDefault(dlqTopic, 0.0));
        meters.countersByTag(Names.DEAD_LETTERS_BY_CLASS, "Dead letters handed to Streams, per error class (a transaction "
                + "that was aborted and retried counts again)", "error_class", deadLetters::byClass);
        meters.countersByTag(Names.REJECTS, "Records filtered out by policy, per reason code", "reason", () -> {
            Map<String, Long> counts = CleaningMetrics.countsByReason(streams.metrics());
            counts.remove(CleaningMetrics.CLEAN);
            return counts;
        });
    }

    /**
     * Sums a per-topic client metric over the service's clients; the restore consumer's fetches are not input.
     *
     * @param anyClient false: only the main consumers (client ids ending in {@code -consumer}, not {@code -restore-consumer})
     */
    static Map<String, Double> perTopic(Map<MetricName, ? extends Metric> all, String group, String name, boolean anyClient) {
        Map<String, Double> totals = new TreeMap<>();
        all.forEach((metric, value) -> {
            String topic = metric.tags().get("topic");
            String client = metric.tags().getOrDefault("client-id", "");
            boolean mainConsumer = client.endsWith("-consumer") && !client.endsWith("-restore-consumer");
            if (topic != null && group.equals(metric.group()) && name.equals(metric.name()) && (anyClient || mainConsumer)
                    && value.metricValue() instanceof Number n) {
                totals.merge(topic, n.doubleValue(), Double::sum);
            }
        });
        // The consumer reports each topic twice, once under its name and once with '.' as '_' (the old tag form).
        totals.keySet().removeIf(t -> t.indexOf('_') >= 0 && totals.keySet().stream()
                .anyMatch(other -> !other.equals(t) && other.replace('.', '_').equals(t)));
        return totals;
    }
}
