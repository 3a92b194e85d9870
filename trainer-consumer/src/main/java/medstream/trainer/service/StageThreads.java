package medstream.trainer.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import medstream.trainer.Budget;
import medstream.trainer.StageRun;
import medstream.trainer.StageSpec;
import medstream.trainer.StageTrainer;
import medstream.trainer.TrainerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer service's stages, one thread and consumer group each, running until closed. A stage above 1 whose
 * previous stage has no version yet waits for one (checking every {@link #PARENT_POLL}) instead of ending, since in a
 * deployment the stages start together and stage 1 publishes its first version later.
 */
final class StageThreads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StageThreads.class);
    static final Duration PARENT_POLL = Duration.ofSeconds(30);

    private final TrainerContext ctx;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<Integer, StageTrainer<?>> running = new ConcurrentHashMap<>();
    private final Map<Integer, String> states = new ConcurrentHashMap<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<Integer> stages;
    private final List<Thread> threads = new ArrayList<>();

    StageThreads(TrainerContext ctx, List<Integer> stages) {
        this.ctx = ctx;
        this.stages = List.copyOf(stages);
        stages.forEach(StageSpec::of); // fails fast on a stage that does not exist
    }

    /** Starts one thread per stage. */
    void start() {
        for (int stage : stages) {
            Thread t = new Thread(() -> runStage(stage), "trainer-service-stage" + stage);
            threads.add(t);
            t.start();
        }
    }

    private void runStage(int stage) {
        try {
            while (closing.getCount() > 0) {
                StageTrainer<?> trainer = new StageTrainer<>(StageSpec.of(stage), ctx);
                running.put(stage, trainer);
                states.put(stage, "training");
                if (closing.getCount() == 0) break; // closed between the check and the registration
                StageRun run = trainer.run(false, Budget.UNLIMITED);
                running.remove(stage);
                if (run.stop() != StageRun.StopReason.NO_PARENT) {
                    states.put(stage, "stopped (" + run.stop() + ", " + run.rounds().size() + " version(s))");
                    return;
                }
                states.put(stage, "waiting for a stage-" + (stage - 1) + " version");
                if (closing.await(PARENT_POLL.toMillis(), TimeUnit.MILLISECONDS)) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, "stage " + stage + ": " + e);
            states.put(stage, "failed: " + e);
            LOG.error("medstream trainer: stage {} failed: {}", stage, e.toString(), e);
        }
    }

    /** The first failure of any stage, or null. */
    String failure() {
        return failure.get();
    }

    /** What each stage is doing. */
    Map<Integer, String> states() {
        return new TreeMap<>(states);
    }

    /** Asks every stage to finish its round and waits for them. */
    @Override
    public void close() {
        closing.countDown();
        running.values().forEach(StageTrainer::stop);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
