package medstream.cli;

import java.io.PrintStream;
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

/**
 * The trainer service's stages, one thread and consumer group each, running until closed. A stage above 1 whose
 * previous stage has no version yet waits for one (checking every {@link #PARENT_POLL}) instead of ending, since in a
 * deployment the stages start together and stage 1 publishes its first version later.
 */
final class TrainerThreads implements AutoCloseable {
    static final Duration PARENT_POLL = Duration.ofSeconds(30);

    private final TrainerContext ctx;
    private final PrintStream out;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<Integer, StageTrainer<?>> running = new ConcurrentHashMap<>();
    private final Map<Integer, String> states = new ConcurrentHashMap<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    TrainerThreads(TrainerContext ctx, List<Integer> stages, PrintStream out) {
        this.ctx = ctx;
        this.out = out;
        for (int stage : stages) {
            StageSpec.of(stage); // fails fast on a stage that does not exist
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
            out.println("medstream trainer: stage " + stage + " failed: " + e);
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
