package medstream.topics.service;

import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;

/** How a module builds its {@link Service}: from its own settings, the topic catalog and the Kafka client settings. */
@FunctionalInterface
public interface ServiceFactory {
    /** A service that is built, not started: invalid settings fail here, before any thread runs. */
    Service create(Settings settings, TopicCatalog catalog, ClientConfig client);
}
