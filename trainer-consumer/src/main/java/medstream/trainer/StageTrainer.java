package medstream.trainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import medstream.contracts.EvalResult;
import medstream.contracts.TrainTrigger;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.config.ClientOverrides;
import medstream.topics.clients.PausingOffloader;
import medstream.trainer.config.StageConfig;
import medstream.trainer.round.RoundPlanner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one stage from its topic: consumer group {@code medstream-trainer-stage<N>}, read_committed, no
 * auto-commit. Records accumulate until {@link RoundPlanner} starts a round; the round trains on another
 * thread while this one keeps polling with the input partitions paused, so a round longer than
 * {@code max.poll.interval.ms} does not cost the group membership. The round's checkpoint holds the next
 * offset of every input partition; on start (and on every assignment) the consumer seeks to those offsets,
 * so group commits are informational only.
 *
 * <p>Interrupting the thread that runs {@link #run} (or a failure in a round) is a crash: the round in
 * progress is abandoned without a checkpoint and the next start resumes from the previous version.
 *
 * @param <V> record type of the stage
 */
public final class StageTrainer<V> {

    private static final Logger LOG = LoggerFactory.getLogger(StageTrainer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final StageSpec<V> spec;
    private final TrainerContext ctx;
    private final StageConfig config;
    private final Topic<String, V> topic;
    private final Topic<String, TrainTrigger> triggers;
    private final AtomicInteger assignments = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private volatile boolean stopRequested;

    /**
     * @param spec the stage
     * @param ctx wiring
     */
    public StageTrainer(StageSpec<V> spec, TrainerContext ctx) {
        this.spec = spec;
        this.ctx = ctx;
        this.config = ctx.hyper().stage(spec.stage());
        this.topic = spec.contract().input(ctx.catalog(), spec.topic());
        this.triggers = spec.contract().input(ctx.catalog(), TopicCatalog::trainTriggers);
    }

    /** Asks a running {@link #run} to finish its round and return. */
    public void stop() {
        stopRequested = true;
    }

    /** Partition assignments seen (1 for a run that kept its membership). */
    public int assignments() {
        return assignments.get();
    }

    /** Partition revocations or losses seen while running (0 for a run that kept its membership). */
    public int revocations() {
        return revocations.get();
    }

    /**
     * Runs the stage.
     *
     * @param drain true: return once every partition is caught up and trained (or the budget is spent);
     *     false: run until {@link #stop()}
     * @param budget limits of a drain run
     * @return what the run did
     * @throws TrainerCrashedException when the thread was interrupted or a round failed
     */
    public StageRun run(boolean drain, Budget budget) {
        long start = System.nanoTime();
        if (spec.stage() > 1
                && new medstream.trainer.checkpoint.VersionStore(ctx.checkpointRoot(), spec.stage()).versionsNewestFirst()
                        .isEmpty()
                && new medstream.trainer.checkpoint.VersionStore(ctx.checkpointRoot(), spec.stage() - 1)
                        .versionsNewestFirst().isEmpty()) {
            LOG.warn("stage {}: no stage-{} version under {} to start from; nothing to train", spec.stage(),
                    spec.stage() - 1, ctx.checkpointRoot());
            return new StageRun(spec.stage(), List.of(), List.of(), StageRun.StopReason.NO_PARENT, Map.of(), 0,
                    List.of(), null, (System.nanoTime() - start) / 1e9, 0);
        }
        // Every PyTorch call of a run happens on its training thread, opening the model included: on a busy
        // 2-core machine the JVM's main thread runs PyTorch ops many times slower than a fresh thread
        // (measured 10-40x; see trainer-consumer/README.md), and one owner thread keeps the model simple.
        ExecutorService executor = PausingOffloader.singleThread("trainer-stage" + spec.stage(), true);
        StageEngine<V> engine;
        try {
            engine = executor.submit(() -> StageEngine.open(spec, ctx.hyper(), ctx.checkpointRoot(), topic.name(),
                    ctx.listener(), ctx.progress(), ctx.initialTokenizer())).get();
        } catch (ExecutionException e) {
            executor.shutdownNow();
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new TrainerCrashedException("interrupted while opening stage " + spec.stage(), e);
        }
        Loop loop = new Loop(engine, executor, drain, budget, start);
        try {
            return loop.run();
        } finally {
            loop.shutdown();
        }
    }

    /**
     * The poll loop of one run; owns the Kafka clients. Between polls it buffers, plans and starts the next round on
     * the training thread, and takes in the finished one; the classes it delegates to hold the state of each step.
     */
    private final class Loop implements ConsumerRebalanceListener {
        private final StageEngine<V> engine;
        private final boolean drain;
        private final long start;
        private final String resumedFrom;
        private final List<String> skippedCheckpoints;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<String, byte[]> producer;
        private final PausingOffloader<RoundPublisher.Published> training;
        private final PartitionBuffer<V> buffer;
        private final RunBudget budget;
        private final RoundStarter<V> starter;
        private final RoundPublisher<V> publisher;
        private final List<RoundResult> rounds = new ArrayList<>();
        private final List<EvalResult> evals = new ArrayList<>();
        private long deadLettersThisRun;
        private long roundStart;
        private boolean crashed;
        private boolean closing;

        Loop(StageEngine<V> engine, ExecutorService executor, boolean drain, Budget budget, long start) {
            this.engine = engine;
            this.drain = drain;
            this.start = start;
            this.resumedFrom = engine.lastVersion();
            this.skippedCheckpoints = engine.store().skipped();
            this.consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer());
            ctx.listener().opened(consumer);
            ctx.listener().opened(producer);
            // Only the input partitions pause while a round trains: train triggers keep arriving.
            this.training = new PausingOffloader<>(consumer, executor, tp -> tp.topic().equals(topic.name()));
            this.buffer = new PartitionBuffer<>(spec.stage(), topic, consumer);
            this.budget = new RunBudget(budget, drain, config.replayFraction(), start);
            this.starter = new RoundStarter<>(engine, config, topic.name(), buffer, this.budget, drain);
            this.publisher = new RoundPublisher<>(engine, ctx, producer);
        }

        StageRun run() {
            long loopStart = System.nanoTime();
            StageRun.StopReason stop;
            try {
                publisher.publishResumedIfMissing();
                consumer.subscribe(List.of(topic.name(), triggers.name()), this);
                while (true) {
                    if (stopRequested && !training.busy()) {
                        stop = StageRun.StopReason.STOPPED;
                        break;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        if (r.topic().equals(triggers.name())) {
                            onTrigger(r);
                        } else {
                            buffer.add(r);
                        }
                    }
                    if (training.busy()) {
                        if (training.done()) {
                            completeTask();
                        }
                        continue;
                    }
                    stop = budget.spent();
                    if (stop != null) {
                        break;
                    }
                    buffer.refreshCaughtUp();
                    boolean drained = drain && buffer.allCaughtUp() && buffer.records() == 0;
                    if (engine.needsTokenizer()) {
                        if (drained) {
                            stop = StageRun.StopReason.DRAINED; // an empty stage-1 topic: nothing to learn from
                            break;
                        }
                        maybeTrainTokenizer();
                        continue;
                    }
                    buffer.format(engine::format);
                    Optional<RoundStarter.Round> round = starter.next();
                    if (round.isPresent()) {
                        startRound(round.get());
                        continue;
                    }
                    if (drained) { // checked after the planner: a re-adaptation round needs no new records
                        stop = StageRun.StopReason.DRAINED;
                        break;
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException | RoundFailure e) {
                crashed = true;
                throw new TrainerCrashedException("stage " + spec.stage() + " trainer stopped without a clean shutdown"
                        + " (" + e.getMessage() + "); the round in progress was not checkpointed and the next start"
                        + " resumes from " + engine.lastVersion(), e instanceof RoundFailure ? e.getCause() : e);
            } catch (RuntimeException e) {
                crashed = true;
                throw e;
            }
            Map<Integer, Long> untrained = buffer.untrained();
            if (!untrained.isEmpty() && untrained.values().stream().anyMatch(v -> v > 0)) {
                LOG.warn("stage {}: stopped ({}) with {} record offsets untrained per partition {}; they stay in the"
                        + " topic for the next run", spec.stage(), stop, untrained.values().stream()
                        .mapToLong(Long::longValue).sum(), untrained);
            }
            return new StageRun(spec.stage(), List.copyOf(rounds), List.copyOf(evals), stop, untrained,
                    deadLettersThisRun, skippedCheckpoints, resumedFrom, (System.nanoTime() - start) / 1e9,
                    (System.nanoTime() - loopStart) / 1e9);
        }

        private void onTrigger(ConsumerRecord<byte[], byte[]> r) {
            try {
                TrainTrigger t = triggers.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (t != null && t.getStage() == spec.stage()) {
                    LOG.info("stage {}: train trigger ({})", spec.stage(), t.getReason());
                    starter.requested();
                }
            } catch (RuntimeException e) {
                LOG.warn("ignoring unreadable train trigger at offset {}: {}", r.offset(), e.getMessage());
            }
        }

        private void startRound(RoundStarter.Round round) {
            deadLettersThisRun += round.deadLetters().size();
            roundStart = System.nanoTime();
            training.start(() -> publisher.publish(round));
        }

        /** Stage 1, first start: the tokenizer is trained on a sample of the first records before any round. */
        private void maybeTrainTokenizer() {
            if (buffer.isEmpty()) {
                return;
            }
            List<String> texts = buffer.tokenizerSample(ctx.hyper().tokenizerSampleRecords(), engine::tokenizerText);
            if (texts == null) {
                return; // wait: the sample is the first records of every partition, not whatever came first
            }
            if (texts.isEmpty()) {
                if (drain && buffer.allCaughtUp()) {
                    throw new IllegalStateException("stage 1 has no readable record to train its tokenizer on");
                }
                return;
            }
            training.start(() -> {
                engine.trainTokenizer(texts);
                return null; // no round: completeTask() tells the two tasks apart by this
            });
        }

        private void completeTask() {
            RoundPublisher.Published published;
            try {
                published = training.finish();
            } catch (ExecutionException e) {
                throw new RoundFailure(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
            if (published != null) {
                rounds.add(published.round());
                evals.addAll(published.evals());
                budget.measured(published.round(), (System.nanoTime() - roundStart) / 1e9);
                commitInformational();
            }
        }

        private void commitInformational() {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            buffer.consumedUpTo().forEach((p, o) -> offsets.put(new TopicPartition(topic.name(), p),
                    new OffsetAndMetadata(o, engine.lastVersion())));
            commitToGroup(offsets);
        }

        /** The checkpoint is the source of truth; a failed group commit only makes lag reports stale. */
        private void commitToGroup(Map<TopicPartition, OffsetAndMetadata> offsets) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("stage {}: informational group commit failed ({}); offsets are safe in {}", spec.stage(),
                        e.getMessage(), engine.lastVersion());
            }
        }

        private List<TopicPartition> dataPartitions(Collection<TopicPartition> parts) {
            return parts.stream().filter(tp -> tp.topic().equals(topic.name())).toList();
        }

        // ---- rebalances ------------------------------------------------------------------------------------

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> parts) {
            assignments.incrementAndGet();
            buffer.assigned(dataPartitions(parts), engine::nextOffset);
            List<TopicPartition> trig = parts.stream().filter(tp -> tp.topic().equals(triggers.name())).toList();
            if (!trig.isEmpty()) {
                consumer.seekToEnd(trig); // only triggers sent while running count
            }
            training.onAssigned(parts);
            commitCheckpointed(dataPartitions(parts));
            LOG.info("stage {}: assigned {}, starting at {}", spec.stage(), parts, buffer.consumedUpTo());
        }

        /**
         * Commits the checkpoint's offsets of newly assigned partitions to the group. A trainer killed between its
         * checkpoint and the group commit after it resumes from the checkpoint; if no record follows, no round runs
         * and, without this, the group's lag stayed at the killed round's records for good (seen in a chaos run:
         * stage 2 caught up, lag 20 until the deadline).
         */
        private void commitCheckpointed(List<TopicPartition> data) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : data) {
                Long next = engine.nextOffset(tp.partition());
                if (next != null) {
                    offsets.put(tp, new OffsetAndMetadata(next, engine.lastVersion()));
                }
            }
            if (!offsets.isEmpty()) {
                commitToGroup(offsets);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> parts) {
            if (parts.isEmpty()) {
                return;
            }
            if (closing) {
                LOG.debug("stage {}: partitions released on close {}", spec.stage(), parts);
            } else {
                revocations.incrementAndGet();
                LOG.warn("stage {}: partitions revoked {}", spec.stage(), parts);
            }
            buffer.revoked(dataPartitions(parts));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> parts) {
            onPartitionsRevoked(parts);
        }

        // ---- lifecycle -------------------------------------------------------------------------------------

        void shutdown() {
            boolean interrupted = Thread.interrupted(); // let the waits below work; restored at the end
            training.close();
            try {
                if (!training.awaitTermination(Duration.ofMinutes(2))) {
                    LOG.error("stage {}: the training thread did not stop within 2 minutes", spec.stage());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            Duration closeTimeout = crashed ? Duration.ZERO : Duration.ofSeconds(10);
            closing = true;
            ctx.listener().closing(consumer);
            ctx.listener().closing(producer);
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(closeTimeout));
            } catch (RuntimeException e) {
                LOG.debug("consumer close: {}", e.getMessage());
            }
            producer.close(closeTimeout);
            engine.close(); // the training thread has ended: no PyTorch call can race with the close
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private Properties consumerProps() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.bootstrap());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, spec.groupId() + ctx.groupIdSuffix());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, spec.groupId() + ctx.groupIdSuffix());
            p.putAll(ClientOverrides.forConsumer(ctx.consumerOverrides()));
            return p;
        }

        private Properties producerProps() {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.bootstrap());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            // The overrides carry the cluster's security settings, which the producer needs as much as the consumer.
            p.putAll(ClientOverrides.forProducer(ctx.consumerOverrides()));
            return p;
        }
    }

    /** A round or tokenizer task failed on the training thread. */
    private static final class RoundFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RoundFailure(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
