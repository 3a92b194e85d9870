package medstream.cli;

import java.util.HashMap;
import java.util.Map;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.testing.EmbeddedKafkaExtension;

/** Settings that point a {@code serve} service at a test's embedded broker, HTTP registry and fresh topic prefix. */
final class ServeTestSettings {
    private ServeTestSettings() {}

    static Settings of(EmbeddedKafkaExtension kafka, TopicCatalog catalog, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of(CliSettings.BOOTSTRAP.key(), kafka.bootstrapServers(),
                CliSettings.REGISTRY.key(), kafka.registryUrl(), CliSettings.TOPIC_PREFIX.key(), catalog.prefix()));
        m.putAll(extra);
        return Settings.of(m);
    }
}
