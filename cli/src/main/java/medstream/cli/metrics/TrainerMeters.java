package medstream.cli.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import medstream.trainer.TrainerListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import medstream.trainer.checkpoint.VersionStore;

/**
 * The trainer service's meters: a {@link TrainerListener} that keeps each stage's last step (loss, tokens/s), step
 * count and dead letters per error class, the Kafka client metrics of every stage run's consumer and producer, and
 * the newest checkpoint of each stage read from disk when scraped (its age and version survive a restart).
 */
public final class TrainerMeters implements TrainerListener {
    private final Map<Integer, StepEvent> lastStep = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> steps = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
    private final KafkaClientMeters clients = new KafkaClientMeters();

    @Override
    public void onStep(StepEvent event) {
        lastStep.put(event.stage(), event);
        steps.computeIfAbsent(event.stage(), s -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void onDeadLetters(int stage, Map<String, Long> byClass) {
        byClass.forEach((c, n) -> deadLetters.computeIfAbsent(c, k -> new AtomicLong()).addAndGet(n));
    }

    @Override
    public void opened(Consumer<?, ?> consumer) { clients.opened(consumer); }

    @Override
    public void opened(Producer<?, ?> producer) { clients.opened(producer); }

    @Override
    public void closing(Object client) { clients.closing(client); }

    /** Registers the per-stage meters of {@code stages}, whose checkpoints live under {@code checkpointRoot}. */
    public void bind(ServiceMeters meters, Path checkpointRoot, List<Integer> stages) {
        clients.bind(meters);
        meters.counter(Names.DEAD_LETTERS, "Records sent to the dead-letter topic",
                () -> deadLetters.values().stream().mapToLong(AtomicLong::get).sum());
        meters.countersByTag(Names.DEAD_LETTERS_BY_CLASS, "Dead letters sent, per error class (reason code)", "error_class",
                () -> {
                    Map<String, Long> now = new TreeMap<>();
                    deadLetters.forEach((c, n) -> now.put(c, n.get()));
                    return now;
                });
        for (int stage : stages) {
            String tag = String.valueOf(stage);
            meters.gauge(Names.TRAINER_TOKENS_PER_SECOND, "Input tokens per second of the last optimizer step",
                    () -> last(stage) == null ? Double.NaN : last(stage).tokensPerSecond(), "stage", tag);
            meters.gauge(Names.TRAINER_LOSS, "Loss of the last optimizer step",
                    () -> last(stage) == null ? Double.NaN : last(stage).loss(), "stage", tag);
            meters.counter(Names.TRAINER_STEPS, "Optimizer steps", () -> steps.getOrDefault(stage, new AtomicLong()).get(), "stage", tag);
            meters.gauge(Names.TRAINER_CHECKPOINT_AGE, "Seconds since the stage's newest checkpoint was written",
                    () -> checkpointAgeSeconds(newest(checkpointRoot, stage)), "stage", tag);
        }
        meters.infoByTag(Names.MODEL_VERSION, "1 for each stage's newest checkpoint (s<stage>-v<NNNN>)", "version",
                () -> stages.stream().map(s -> newest(checkpointRoot, s)).filter(Objects::nonNull)
                        .map(p -> p.getFileName().toString()).toList());
    }

    private StepEvent last(int stage) { return lastStep.get(stage); }

    private static Path newest(Path checkpointRoot, int stage) {
        List<Path> versions = new VersionStore(checkpointRoot, stage).versionsNewestFirst();
        return versions.isEmpty() ? null : versions.get(0);
    }

    static double checkpointAgeSeconds(Path checkpoint) {
        if (checkpoint == null) return Double.NaN;
        try {
            Instant written = Files.getLastModifiedTime(checkpoint).toInstant();
            return Duration.between(written, Instant.now()).toMillis() / 1000.0;
        } catch (IOException e) {
            return Double.NaN; // pruned between listing and reading: the next scrape sees the newer one
        }
    }
}
