package medstream.trainer.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.service.ClientConfig;
import medstream.topics.service.Service;
import medstream.topics.service.ServiceStats;
import medstream.trainer.StageSpec;
import medstream.trainer.TrainerContext;
import medstream.trainer.TrainerListener;
import medstream.trainer.checkpoint.VersionStore;
import medstream.trainer.config.TrainerSettings;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.eval.Evaluator;

/**
 * The long-lived trainer ({@code serve trainer}, {@code up}) as a {@link Service}: one {@link medstream.trainer.StageTrainer}
 * thread and consumer group per stage, each training rounds as its triggers fire until closed, then finishing its
 * round. A thin shell over the trainer's own start-up path; what a round does is {@code StageTrainer}'s.
 */
public final class TrainerService implements Service {
    /** Its name in logs, status lines and metric tags. */
    public static final String NAME = "trainer";

    private final TrainerContext ctx;
    private final List<Integer> stages;
    private final Map<String, String> effectiveSettings;
    private final StageThreads threads;

    /**
     * @param ctx               catalog, broker, checkpoint root, hyperparameters, client settings, listener and evaluator
     * @param stages            the stages this process trains; one that does not exist fails here
     * @param effectiveSettings the settings {@code ctx} was built from, as printed at start-up
     */
    public TrainerService(TrainerContext ctx, List<Integer> stages, Map<String, String> effectiveSettings) {
        this.ctx = ctx;
        this.stages = List.copyOf(stages);
        this.effectiveSettings = Map.copyOf(effectiveSettings);
        this.threads = new StageThreads(ctx, stages);
    }

    /**
     * The trainer of {@code serve trainer} and {@code up}, configured by {@link TrainerSettings}: its stages, preset and
     * round triggers, checkpoints under the checkpoint directory, evaluation items read from {@code eval.items} once
     * they are there (services may start before anything is ingested).
     *
     * @param listener observer of every stage's steps, versions and evaluations (the metrics endpoint's meters)
     */
    public static TrainerService create(Settings settings, TopicCatalog catalog, ClientConfig client, TrainerListener listener) {
        TrainingHyperparameters hyper = TrainerSettings.hyperparameters(settings);
        Evaluator evaluator = hyper.eval().enabled()
                ? Evaluator.fromTopicWhenAvailable(catalog, client.bootstrapServers(), client.overrides(), hyper.eval()) : null;
        TrainerContext ctx = TrainerContext.of(catalog, client.bootstrapServers(),
                        Path.of(settings.get(TrainerSettings.CHECKPOINT_DIR)).toAbsolutePath(), hyper)
                .withConsumerOverrides(client.overrides()).withEvaluator(evaluator).withListener(listener);
        return new TrainerService(ctx, TrainerSettings.stages(settings), settings.effective(TrainerSettings.ALL));
    }

    /** Where the stages' checkpoints live ({@code stage<N>/} below it). */
    public Path checkpointRoot() {
        return ctx.checkpointRoot();
    }

    /** The stages it trains. */
    public List<Integer> stages() {
        return stages;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> effectiveSettings() {
        return effectiveSettings;
    }

    @Override
    public void start() {
        threads.start();
    }

    @Override
    public String describe() {
        Evaluator evaluator = ctx.evaluator();
        return "preset " + ctx.hyper().preset() + ", stages " + stages + ", checkpoints " + ctx.checkpointRoot() + ", evaluation "
                + (evaluator == null ? "off" : evaluator.items().isEmpty() ? "on once eval.items has items" : "on, " + evaluator.items().keySet());
    }

    @Override
    public boolean isHealthy() {
        return threads.failure() == null;
    }

    @Override
    public ServiceStats stats() {
        return () -> threads.failure() != null ? "failed: " + threads.failure()
                : "stages " + threads.states() + ", last versions " + lastVersions();
    }

    @Override
    public List<String> consumerGroups() {
        return stages.stream().map(s -> StageSpec.of(s).groupId() + ctx.groupIdSuffix()).toList();
    }

    /** Asks every stage to finish its round and waits for them. */
    @Override
    public void close() {
        threads.close();
    }

    /** The newest checkpoint of each stage ({@code v0003}), "-" before its first. */
    private Map<Integer, String> lastVersions() {
        Map<Integer, String> versions = new TreeMap<>();
        for (int stage : stages) {
            List<Path> newest = new VersionStore(ctx.checkpointRoot(), stage).versionsNewestFirst();
            versions.put(stage, newest.isEmpty() ? "-" : newest.get(0).getFileName().toString());
        }
        return versions;
    }
}
