package medstream.cleaning.streams;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Per-reason counts of the cleaning topology as Kafka Streams custom metrics: each processor task owns one
 * rate/total sensor per outcome ({@code clean}, or a reason code such as {@code quality_min_length}) in the metric
 * group {@value #GROUP}, and {@link #countsByReason(Map)} sums them over tasks and threads for a summary. Nothing is
 * counted in a lambda: the counts live in the Streams metrics registry, which is what JMX and
 * {@code KafkaStreams#metrics()} expose.
 */
public final class CleaningMetrics {

    /** Scope of the custom sensors. */
    public static final String SCOPE = "cleaning";
    /** Metric group Kafka Streams derives from the scope. */
    public static final String GROUP = "stream-" + SCOPE + "-metrics";
    /** The outcome name of an accepted document. */
    public static final String CLEAN = "clean";

    private final StreamsMetrics metrics;
    private final String entity;
    private final Map<String, Sensor> sensors = new TreeMap<>();

    /**
     * Counters of one processor task.
     *
     * @param metrics the task's metrics
     * @param entity  processor name and task id, unique per task so that tasks on one thread do not share sensors
     */
    public CleaningMetrics(StreamsMetrics metrics, String entity) {
        this.metrics = metrics;
        this.entity = entity;
    }

    /** Counts one record with the given outcome ({@link #CLEAN} or a reason code). */
    public void record(String outcome) {
        String operation = outcome.toLowerCase(Locale.ROOT);
        sensors.computeIfAbsent(operation, op -> metrics.addRateTotalSensor(SCOPE, entity, op,
                Sensor.RecordingLevel.INFO)).record();
    }

    /** Removes this task's sensors (on processor close). */
    public void close() {
        sensors.values().forEach(metrics::removeSensor);
        sensors.clear();
    }

    /**
     * Counts by outcome, summed over every task and thread.
     *
     * @param all {@code KafkaStreams#metrics()} or {@code TopologyTestDriver#metrics()}
     * @return outcome (lower-case reason code, or {@code clean}) to count
     */
    public static Map<String, Long> countsByReason(Map<MetricName, ? extends Metric> all) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : all.entrySet()) {
            MetricName name = e.getKey();
            if (GROUP.equals(name.group()) && name.name().endsWith("-total")) {
                String outcome = name.name().substring(0, name.name().length() - "-total".length());
                Object value = e.getValue().metricValue();
                if (value instanceof Number n) {
                    counts.merge(outcome, Math.round(n.doubleValue()), Long::sum);
                }
            }
        }
        return counts;
    }
}
