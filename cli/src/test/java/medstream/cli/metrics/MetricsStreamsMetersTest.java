package medstream.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class MetricsStreamsMetersTest {
    private final Map<MetricName, Metric> metrics = new HashMap<>();

    private void put(String client, String topic, double value) {
        MetricName name = new MetricName("records-consumed-total", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", topic));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() { return name; }

            @Override
            public Object metricValue() { return value; }
        });
    }

    @Test
    void givenTwoThreadsReportingATopicUnderBothTagForms_whenSummed_thenEachTopicCountsOnceAndRestoreFetchesNotAtAll() {
        put("app-StreamThread-1-consumer", "t1.raw.qa-pairs", 3);
        put("app-StreamThread-1-consumer", "t1_raw_qa-pairs", 3);
        put("app-StreamThread-2-consumer", "t1.raw.qa-pairs", 2);
        put("app-StreamThread-2-consumer", "t1_raw_qa-pairs", 2);
        put("app-StreamThread-1-restore-consumer", "app-store-changelog", 40);
        put("app-StreamThread-1-consumer", "raw_only_underscores", 1);

        Map<String, Double> in = StreamsMeters.perTopic(metrics, "consumer-fetch-manager-metrics", "records-consumed-total", false);

        assertThat(in).containsOnly(Map.entry("t1.raw.qa-pairs", 5.0), Map.entry("raw_only_underscores", 1.0));
    }
}
