package medstream.cleaning;

import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.service.ClientConfig;
import medstream.topics.service.ServiceFactory;
import medstream.topics.service.StreamsService;

/** The cleaning app as a service ({@code serve cleaning}, {@code up}, {@code local}'s curation): a {@link ServiceFactory}. */
public final class CleaningService {
    /** Its name in logs, status lines and metric tags. */
    public static final String NAME = "cleaning";

    private CleaningService() {}

    /** The app built from its {@link CleaningConfig} settings, not started. */
    public static StreamsService create(Settings settings, TopicCatalog catalog, ClientConfig client) {
        CleaningConfig config = CleaningConfig.from(settings);
        return new StreamsService(NAME, CleaningTopology.buildTopology(catalog, config),
                CleaningTopology.getStreamsConfig(client.bootstrapServers(), CleaningTopology.APPLICATION_ID, client.stateDir(), catalog),
                client, settings.effective(CleaningConfig.SETTINGS));
    }
}
