package medstream.cleaning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.serde.AvroSerdes;
import org.apache.kafka.streams.KafkaStreams;

/**
 * TEST HARNESS: the cleaning app in a JVM of its own, so that {@code CleaningCrashRecoveryIT} can SIGKILL it mid-run
 * (a deployment runs {@code ./medstream serve cleaning}, which lives in the cli module this one cannot depend on).
 * Arguments are {@code key=value}: {@code bootstrap}, {@code registry} (both required), {@code prefix},
 * {@code partitions}, {@code state-dir}, {@code app-id}; {@code streams.<key>=value} goes to Kafka Streams.
 */
public final class CleaningChildProcess {
    private CleaningChildProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("Expected key=value, got '" + arg + "'");
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        TopicCatalog catalog = new TopicCatalog(options.getOrDefault("prefix", TopicCatalog.DEFAULT_PREFIX),
                Integer.parseInt(options.getOrDefault("partitions", Integer.toString(TopicCatalog.DEFAULT_PARTITIONS))),
                AvroSerdes.config(required(options, "registry")));
        CleaningConfig config = CleaningConfig.from(Settings.load(null));
        Properties props = CleaningTopology.getStreamsConfig(required(options, "bootstrap"),
                options.getOrDefault("app-id", CleaningTopology.APPLICATION_ID),
                Path.of(options.getOrDefault("state-dir", "state/cleaning")), catalog);
        options.forEach((k, v) -> {
            if (k.startsWith("streams.")) props.put(k.substring("streams.".length()), v);
        });
        KafkaStreams streams = new KafkaStreams(CleaningTopology.buildTopology(catalog, config), props);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "cleaning-shutdown"));
        streams.start();
        stopped.await();
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) throw new IllegalArgumentException("Missing " + key + "=...");
        return value;
    }
}
