package medstream.topics.clients;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs slow work (a training round, a batch in a model) on a thread of its own while the consumer's thread keeps
 * polling. A consumer that stops polling for longer than {@code max.poll.interval.ms} is thrown out of its group;
 * one that polls with its input partitions paused stays in it, receives nothing it would have to buffer, and still
 * runs its rebalance callbacks. One task at a time: the next is started once the caller has finished the last.
 *
 * <p>Every method except {@link #close()} and {@link #awaitTermination} belongs to the consumer's thread, as the
 * consumer does.
 *
 * @param <T> what a task returns
 */
public final class PausingOffloader<T> {
    private final Consumer<?, ?> consumer;
    private final ExecutorService thread;
    private final Predicate<TopicPartition> held;
    private Future<T> task;

    /**
     * @param consumer the consumer whose partitions a running task holds
     * @param thread where tasks run; owned from now on (closed by {@link #close()})
     * @param held which assigned partitions a running task pauses (others, such as a control topic, keep flowing)
     */
    public PausingOffloader(Consumer<?, ?> consumer, ExecutorService thread, Predicate<TopicPartition> held) {
        this.consumer = consumer;
        this.thread = thread;
        this.held = held;
    }

    /** A single named thread, the usual home of tasks that must not overlap (a model has one owner thread). */
    public static ExecutorService singleThread(String name, boolean daemon) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(daemon);
            return t;
        });
    }

    /** Whether a task was started and not yet finished. */
    public boolean busy() {
        return task != null;
    }

    /** Whether the running task has ended, so {@link #finish()} returns at once. */
    public boolean done() {
        return task != null && task.isDone();
    }

    /** Pauses the held partitions and starts the task. */
    public void start(Callable<T> work) {
        if (task != null) {
            throw new IllegalStateException("a task is still running; finish() it before starting the next");
        }
        consumer.pause(held(consumer.assignment()));
        task = thread.submit(work);
    }

    /**
     * Waits for the task to end, forgets it and resumes the held partitions, whatever its outcome.
     *
     * @return its result
     * @throws ExecutionException what the task threw, as its cause
     * @throws InterruptedException when the waiting thread was interrupted (the task is forgotten all the same)
     */
    public T finish() throws ExecutionException, InterruptedException {
        try {
            return task.get();
        } finally {
            task = null;
            consumer.resume(held(consumer.assignment()));
        }
    }

    /** Waits until the running task (if any) has ended, and keeps it for {@link #finish()}. */
    public void await() throws InterruptedException {
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (ExecutionException | CancellationException e) {
            // The outcome is finish()'s to report.
        }
    }

    /** To call from {@code onPartitionsAssigned}: a partition that arrives while a task runs starts paused. */
    public void onAssigned(Collection<TopicPartition> partitions) {
        if (task != null) {
            consumer.pause(held(partitions));
        }
    }

    /** Interrupts the running task (if any) and stops the thread; does not wait. */
    public void close() {
        if (task != null && !task.isDone()) {
            task.cancel(true);
        }
        thread.shutdownNow();
    }

    /** Waits for the thread to end after {@link #close()}; false when it is still running at the timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private List<TopicPartition> held(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(held).toList();
    }
}
