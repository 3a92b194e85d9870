package medstream.cli;

import java.util.function.Consumer;
import medstream.cleaning.CleaningService;
import medstream.cli.metrics.KafkaClientMeters;
import medstream.cli.metrics.LabelerMeters;
import medstream.cli.metrics.ServiceMeters;
import medstream.cli.metrics.StreamsMeters;
import medstream.cli.metrics.TrainerMeters;
import medstream.knowledge.streams.KnowledgeService;
import medstream.labeler.service.LabelerService;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.service.ClientConfig;
import medstream.topics.service.Service;
import medstream.topics.service.StreamsService;
import medstream.trainer.service.TrainerService;

/**
 * A service that {@code serve} (and so {@code up}) runs, built by its module's factory, with how its own meters bind
 * to the metrics endpoint (the lag, health and JVM meters are the same for every service).
 *
 * @param service    built, not started
 * @param bindMeters registers the service's own meters
 */
record ServedService(Service service, Consumer<ServiceMeters> bindMeters) {
    /** Builds {@code kind} from its settings, the catalog and the client settings. */
    static ServedService create(ServeCommand.Service kind, Settings settings, TopicCatalog catalog, ClientConfig client) {
        return switch (kind) {
            case knowledge -> streams(KnowledgeService.create(settings, catalog, client), catalog);
            case cleaning -> streams(CleaningService.create(settings, catalog, client), catalog);
            case labeler -> {
                LabelerService labeler = LabelerService.create(LabelerDefaults.weakByDefault(settings, CliSettings.dataDir(settings)),
                        catalog, client);
                KafkaClientMeters clientMeters = new KafkaClientMeters();
                labeler.watchClients(clientMeters);
                yield new ServedService(labeler, m -> LabelerMeters.bind(m, labeler, clientMeters, catalog.labelRequests().name(),
                        catalog.labelResults().name()));
            }
            case trainer -> trainer(settings, catalog, client);
        };
    }

    private static ServedService streams(StreamsService app, TopicCatalog catalog) {
        return new ServedService(app, m -> StreamsMeters.bind(m, app.streams(), catalog.dlq().name(), app.deadLetters()));
    }

    private static ServedService trainer(Settings settings, TopicCatalog catalog, ClientConfig client) {
        TrainerMeters meters = new TrainerMeters();
        TrainerService trainer = TrainerService.create(settings, catalog, client, meters);
        return new ServedService(trainer, m -> meters.bind(m, trainer.checkpointRoot(), trainer.stages()));
    }
}
