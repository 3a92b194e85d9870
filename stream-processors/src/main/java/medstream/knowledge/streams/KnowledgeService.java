package medstream.knowledge.streams;

import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.service.ClientConfig;
import medstream.topics.service.ServiceFactory;
import medstream.topics.service.StreamsService;

/** The knowledge app as a service ({@code serve knowledge}, {@code up}, {@code local}'s curation): a {@link ServiceFactory}. */
public final class KnowledgeService {
    /** Its name in logs, status lines and metric tags. */
    public static final String NAME = "knowledge";

    private KnowledgeService() {}

    /** The app built from its {@link KnowledgeConfig} settings, not started. */
    public static StreamsService create(Settings settings, TopicCatalog catalog, ClientConfig client) {
        KnowledgeConfig config = KnowledgeConfig.from(settings);
        return new StreamsService(NAME, KnowledgeApp.buildTopology(catalog, config),
                KnowledgeApp.getStreamsConfig(client.bootstrapServers(), catalog, config), client, settings.effective(KnowledgeConfig.SETTINGS));
    }
}
