package medstream.trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import medstream.contracts.DeadLetter;
import medstream.contracts.EvalResult;
import medstream.contracts.ModelVersion;
import medstream.contracts.TrainTrigger;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.config.ClientOverrides;
import medstream.topics.errors.DeadLetters;
import medstream.trainer.config.StageConfig;
import medstream.trainer.format.Example;
import medstream.trainer.format.UnformattableRecordException;
import medstream.trainer.round.RoundPlanner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    private static final long END_OFFSET_REFRESH_NANOS = 200_000_000L;
    private static final long PARENT_CHECK_NANOS = 5_000_000_000L;

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
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "trainer-stage" + spec.stage());
            t.setDaemon(true);
            return t;
        });
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

    /** The poll loop of one run; owns the Kafka clients and the training thread. */
    private final class Loop implements ConsumerRebalanceListener {
        private final StageEngine<V> engine;
        private final boolean drain;
        private final Budget budget;
        private final long start;
        private final String resumedFrom;
        private final List<String> skippedCheckpoints;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<String, byte[]> producer;
        private final ExecutorService executor;
        private final SortedMap<Integer, List<Buffered<V>>> pending = new TreeMap<>();
        private final Map<Integer, Long> consumedUpTo = new HashMap<>();
        private final Map<Integer, Long> lastBuffered = new HashMap<>();
        private final Set<Integer> caughtUp = new HashSet<>();
        private final List<RoundResult> rounds = new ArrayList<>();
        private final List<EvalResult> evals = new ArrayList<>();
        private Future<List<EvalResult>> training;
        private RoundResult trainingResult;
        private boolean tokenizerTask;
        private boolean requested;
        private boolean rebasePending;
        private long lastEndRefresh;
        private long lastParentCheck;
        private long newTokensThisRun;
        private long deadLettersThisRun;
        private long withdrawnThisRun;
        private double lastRate;
        private long roundStart;
        private boolean crashed;
        private boolean closing;

        Loop(StageEngine<V> engine, ExecutorService executor, boolean drain, Budget budget, long start) {
            this.engine = engine;
            this.executor = executor;
            this.drain = drain;
            this.budget = budget;
            this.start = start;
            this.resumedFrom = engine.lastVersion();
            this.skippedCheckpoints = engine.store().skipped();
            this.consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer());
            ctx.listener().opened(consumer);
            ctx.listener().opened(producer);
        }

        StageRun run() {
            long loopStart = System.nanoTime();
            StageRun.StopReason stop;
            try {
                publishResumedIfMissing();
                consumer.subscribe(List.of(topic.name(), triggers.name()), this);
                while (true) {
                    if (stopRequested && training == null) {
                        stop = StageRun.StopReason.STOPPED;
                        break;
                    }
                    buffer(consumer.poll(POLL));
                    if (training != null) {
                        if (training.isDone()) {
                            completeTask();
                        }
                        continue;
                    }
                    StageRun.StopReason spent = drain ? budgetSpent() : null;
                    if (spent != null) {
                        stop = spent;
                        break;
                    }
                    refreshCaughtUp();
                    if (engine.needsTokenizer()) {
                        if (drain && allCaughtUp() && pendingRecords() == 0) {
                            stop = StageRun.StopReason.DRAINED; // an empty stage-1 topic: nothing to learn from
                            break;
                        }
                        maybeTrainTokenizer();
                        continue;
                    }
                    formatPending();
                    if (maybeStartRound()) {
                        continue;
                    }
                    if (drain && allCaughtUp() && pendingRecords() == 0) {
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
            Map<Integer, Long> untrained = untrained();
            if (!untrained.isEmpty() && untrained.values().stream().anyMatch(v -> v > 0)) {
                LOG.warn("stage {}: stopped ({}) with {} record offsets untrained per partition {}; they stay in the"
                        + " topic for the next run", spec.stage(), stop, untrained.values().stream()
                        .mapToLong(Long::longValue).sum(), untrained);
            }
            return new StageRun(spec.stage(), List.copyOf(rounds), List.copyOf(evals), stop, untrained,
                    deadLettersThisRun, skippedCheckpoints, resumedFrom, (System.nanoTime() - start) / 1e9,
                    (System.nanoTime() - loopStart) / 1e9);
        }

        /** Publishes the resumed checkpoint's record when a kill came between the checkpoint and its publication. */
        private void publishResumedIfMissing() {
            var record = engine.resumedRecord();
            var versions = ctx.catalog().modelVersions();
            if (record.isEmpty() || VersionPublication.isPublished(ctx, versions, record.get().getVersion())) {
                return;
            }
            ModelVersion v = record.get();
            LOG.warn("stage {}: {} was checkpointed but never published (the trainer stopped in between); publishing it now",
                    spec.stage(), v.getVersion());
            producer.send(new ProducerRecord<>(versions.name(), v.getVersion(), versions.valueSerde().serializer()
                    .serialize(versions.name(), v)));
            producer.flush();
            ctx.listener().onVersion(v);
        }

        // ---- buffering -------------------------------------------------------------------------------------

        private void buffer(Iterable<ConsumerRecord<byte[], byte[]>> records) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.topic().equals(triggers.name())) {
                    onTrigger(r);
                    continue;
                }
                List<Buffered<V>> list = pending.get(r.partition());
                Long last = lastBuffered.get(r.partition());
                if (list == null || (last != null && r.offset() <= last)) {
                    continue; // revoked meanwhile, or re-delivered after a seek
                }
                lastBuffered.put(r.partition(), r.offset());
                Buffered<V> b = new Buffered<>(r.partition(), r.offset(), r.key(), r.value(), r.timestamp(), System.nanoTime());
                if (r.value() == null && r.key() != null) {
                    withdraw(list, b);
                    continue;
                }
                try {
                    if (r.value() == null) {
                        throw new UnformattableRecordException(UnformattableRecordException.EMPTY, "record "
                                + r.topic() + "-" + r.partition() + "@" + r.offset() + " has no value and no key");
                    }
                    b.record = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                } catch (UnformattableRecordException e) {
                    b.error = e;
                } catch (RuntimeException e) {
                    b.error = new UnformattableRecordException(UnformattableRecordException.UNREADABLE, "record "
                            + r.topic() + "-" + r.partition() + "@" + r.offset() + " is not a " + topic.valueType()
                            .getSimpleName() + ": " + e.getMessage());
                }
                list.add(b);
            }
        }

        /**
         * A tombstone withdraws its key (a PSEUDO task whose request was re-labeled to REVIEW): the records of that key
         * still waiting in this partition are not trained on, and the tombstone itself is neither trained nor a dead
         * letter. Both keep their offsets in the round that passes them, so a restart from a checkpoint meets the same
         * records in the same order and withdraws the same ones. A record trained in an earlier round stays learned.
         */
        private void withdraw(List<Buffered<V>> list, Buffered<V> tombstone) {
            int n = 0;
            for (Buffered<V> b : list) {
                if (!b.withdrawn && java.util.Arrays.equals(b.key, tombstone.key)) {
                    b.withdrawn = true;
                    n++;
                }
            }
            tombstone.withdrawn = true;
            list.add(tombstone);
            withdrawnThisRun += n;
            LOG.info("stage {}: tombstone at {}-{}@{} withdraws key '{}' ({} waiting record(s) of it not trained)",
                    spec.stage(), topic.name(), tombstone.partition, tombstone.offset,
                    new String(tombstone.key, java.nio.charset.StandardCharsets.UTF_8), n);
        }

        private void onTrigger(ConsumerRecord<byte[], byte[]> r) {
            try {
                TrainTrigger t = triggers.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (t != null && t.getStage() == spec.stage()) {
                    LOG.info("stage {}: train trigger ({})", spec.stage(), t.getReason());
                    requested = true;
                }
            } catch (RuntimeException e) {
                LOG.warn("ignoring unreadable train trigger at offset {}: {}", r.offset(), e.getMessage());
            }
        }

        private void formatPending() {
            for (List<Buffered<V>> list : pending.values()) {
                for (Buffered<V> b : list) {
                    if (b.formatted == null && b.error == null && !b.withdrawn) {
                        try {
                            b.formatted = engine.format(b.record);
                        } catch (UnformattableRecordException e) {
                            b.error = e;
                        }
                    }
                }
            }
        }

        private void refreshCaughtUp() {
            long now = System.nanoTime();
            if (now - lastEndRefresh < END_OFFSET_REFRESH_NANOS || pending.isEmpty()) {
                return;
            }
            lastEndRefresh = now;
            List<TopicPartition> parts = pending.keySet().stream().map(p -> new TopicPartition(topic.name(), p)).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(10));
            caughtUp.clear();
            for (TopicPartition tp : parts) {
                if (consumer.position(tp) >= end.get(tp)) {
                    caughtUp.add(tp.partition());
                }
            }
        }

        private boolean allCaughtUp() {
            return !pending.isEmpty() && caughtUp.containsAll(pending.keySet());
        }

        private int pendingRecords() {
            return pending.values().stream().mapToInt(List::size).sum();
        }

        // ---- tokenizer (stage 1, first start) --------------------------------------------------------------

        private void maybeTrainTokenizer() {
            if (pending.isEmpty()) {
                return;
            }
            int share = (int) Math.ceil((double) ctx.hyper().tokenizerSampleRecords() / pending.size());
            for (Map.Entry<Integer, List<Buffered<V>>> e : pending.entrySet()) {
                if (e.getValue().size() < share && !caughtUp.contains(e.getKey())) {
                    return; // wait: the sample is the first records of every partition, not whatever came first
                }
            }
            List<String> texts = new ArrayList<>();
            for (List<Buffered<V>> list : pending.values()) {
                list.stream().limit(share).filter(b -> b.record != null).forEach(b -> texts.add(engine.tokenizerText(b.record)));
            }
            if (texts.isEmpty()) {
                if (drain && allCaughtUp()) {
                    throw new IllegalStateException("stage 1 has no readable record to train its tokenizer on");
                }
                return;
            }
            pause();
            tokenizerTask = true;
            training = executor.submit(() -> {
                engine.trainTokenizer(texts);
                return List.of();
            });
        }

        // ---- rounds ----------------------------------------------------------------------------------------

        private boolean maybeStartRound() {
            long now = System.nanoTime();
            RoundPlanner.Reason forced = null;
            if (spec.stage() > 1 && now - lastParentCheck > PARENT_CHECK_NANOS) {
                lastParentCheck = now;
                rebasePending = engine.checkParent();
            }
            if (rebasePending && engine.state().round() > 0) {
                forced = RoundPlanner.Reason.REBASE; // re-adapt now, replaying this stage's own data
            } else if (requested) {
                forced = RoundPlanner.Reason.REQUESTED;
            } else if (config.triggers().maxAge() != null && oldestArrival() != Long.MAX_VALUE
                    && now - oldestArrival() > config.triggers().maxAge().toNanos()) {
                forced = RoundPlanner.Reason.AGE;
            }
            SortedMap<Integer, List<RoundPlanner.Pending>> view = new TreeMap<>();
            pending.forEach((p, list) -> view.put(p, list.stream()
                    .map(b -> new RoundPlanner.Pending(b.offset, b.formatted == null || b.withdrawn ? 0 : b.formatted.length()))
                    .toList()));
            long maxTokens = Math.min(config.triggers().maxTokens(), remainingTokens());
            var cut = RoundPlanner.plan(view, caughtUp, config.triggers().maxRecords(), maxTokens,
                    config.triggers().fireWhenCaughtUp() || drain, forced);
            if (cut.isEmpty()) {
                return false;
            }
            startRound(cut.get());
            return true;
        }

        private void startRound(RoundPlanner.Cut cut) {
            List<Example> formatted = new ArrayList<>();
            Map<Integer, long[]> ranges = new TreeMap<>();
            Map<Integer, Long> recs = new TreeMap<>();
            Map<Integer, Long> toks = new TreeMap<>();
            List<DeadLetter> dead = new ArrayList<>();
            for (Map.Entry<Integer, Integer> e : cut.take().entrySet()) {
                int p = e.getKey();
                List<Buffered<V>> list = pending.get(p);
                List<Buffered<V>> taken = new ArrayList<>(list.subList(0, e.getValue()));
                list.subList(0, e.getValue()).clear();
                long from = consumedUpTo.get(p);
                long to = list.isEmpty() && caughtUp.contains(p)
                        ? consumer.position(new TopicPartition(topic.name(), p))
                        : taken.isEmpty() ? from : taken.get(taken.size() - 1).offset + 1;
                ranges.put(p, new long[] {from, to});
                consumedUpTo.put(p, to);
                long n = 0;
                long t = 0;
                for (Buffered<V> b : taken) {
                    if (b.withdrawn) {
                        continue;
                    }
                    if (b.formatted != null) {
                        formatted.add(b.formatted);
                        n++;
                        t += b.formatted.length();
                    } else {
                        dead.add(DeadLetters.stamped(DeadLetters.of("medstream-trainer-stage" + spec.stage(), topic.name(), p,
                                b.offset, b.key, b.value, b.error.reason(), b.error.getMessage(), null), b.timestamp));
                    }
                }
                recs.put(p, n);
                toks.put(p, t);
                newTokensThisRun += t;
            }
            deadLettersThisRun += dead.size();
            requested = false;
            rebasePending = false;
            RoundInput input = new RoundInput(formatted, ranges, recs, toks, dead.size(), cut.reason());
            LOG.info("stage {}: round {} starts ({}): {} records, {} dead letters, ranges {}", spec.stage(),
                    engine.state().round(), cut.reason(), formatted.size(), dead.size(), describe(ranges));
            pause();
            roundStart = System.nanoTime();
            training = executor.submit(() -> trainAndPublish(input, dead));
        }

        /** Runs on the training thread. */
        private List<EvalResult> trainAndPublish(RoundInput input, List<DeadLetter> dead) throws IOException {
            Topic<String, DeadLetter> dlq = ctx.catalog().dlq();
            for (DeadLetter d : dead) {
                // Keyed and stamped as every DLQ producer does; this producer's keys are strings, as every input key is.
                var r = DeadLetters.record(dlq.name(), d, dlq.valueSerde().serializer().serialize(dlq.name(), d));
                producer.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), new String(r.key(), StandardCharsets.UTF_8),
                        r.value()));
            }
            producer.flush(); // dead letters go out before the checkpoint: at least once, never lost
            if (!dead.isEmpty()) {
                Map<String, Long> byClass = new TreeMap<>();
                dead.forEach(d -> byClass.merge(d.getErrorClass(), 1L, Long::sum));
                ctx.listener().onDeadLetters(spec.stage(), byClass);
            }
            RoundResult result = engine.trainRound(input);
            ctx.listener().onCheckpointed(result.version());
            var versions = ctx.catalog().modelVersions();
            producer.send(new ProducerRecord<>(versions.name(), result.version().getVersion(),
                    versions.valueSerde().serializer().serialize(versions.name(), result.version())));
            producer.flush();
            trainingResult = result;
            ctx.listener().onVersion(result.version());
            List<EvalResult> out = new ArrayList<>();
            if (ctx.evaluator() != null && result.steps() > 0) {
                var evalTopic = ctx.catalog().modelEvals();
                for (EvalResult r : ctx.evaluator().evaluate(engine.model(), engine.tokenizer(),
                        result.version().getVersion(), spec.stage())) {
                    producer.send(new ProducerRecord<>(evalTopic.name(), r.getModelVersion() + "/" + r.getBenchmark(),
                            evalTopic.valueSerde().serializer().serialize(evalTopic.name(), r)));
                    ctx.listener().onEval(r);
                    out.add(r);
                }
                producer.flush();
            }
            return out;
        }

        private void completeTask() {
            List<EvalResult> taskEvals;
            try {
                taskEvals = training.get();
            } catch (ExecutionException e) {
                throw new RoundFailure(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
            training = null;
            if (tokenizerTask) {
                tokenizerTask = false;
            } else {
                RoundResult r = trainingResult;
                trainingResult = null;
                rounds.add(r);
                evals.addAll(taskEvals);
                double roundSeconds = (System.nanoTime() - roundStart) / 1e9;
                if (roundSeconds > 0 && r.steps() > 0) {
                    lastRate = r.trainedTokens() / roundSeconds; // training, checkpoint and evaluation
                }
                commitInformational();
            }
            resume();
        }

        private void commitInformational() {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            consumedUpTo.forEach((p, o) -> offsets.put(new TopicPartition(topic.name(), p), new OffsetAndMetadata(o,
                    engine.lastVersion())));
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                // The checkpoint is the source of truth; a failed group commit only makes lag reports stale.
                LOG.warn("stage {}: informational group commit failed ({}); offsets are safe in {}", spec.stage(),
                        e.getMessage(), engine.lastVersion());
            }
        }

        private StageRun.StopReason budgetSpent() {
            if (remainingTokens() <= 0) {
                return StageRun.StopReason.TOKEN_BUDGET;
            }
            if (budget.maxDuration() != null && System.nanoTime() - start >= budget.maxDuration().toNanos()) {
                return StageRun.StopReason.TIME_BUDGET;
            }
            return null;
        }

        /** New tokens still allowed: the token budget, and the time budget at the last measured rate. */
        private long remainingTokens() {
            long left = budget.maxNewTokens() == Long.MAX_VALUE ? Long.MAX_VALUE : budget.maxNewTokens() - newTokensThisRun;
            if (drain && budget.maxDuration() != null && lastRate > 0) {
                double seconds = (budget.maxDuration().toNanos() - (System.nanoTime() - start)) / 1e9;
                long byTime = (long) (Math.max(0, seconds) * lastRate / (1 + config.replayFraction()));
                left = Math.min(left, Math.max(byTime, 1));
            }
            return left;
        }

        private long oldestArrival() {
            long oldest = Long.MAX_VALUE;
            for (List<Buffered<V>> list : pending.values()) {
                if (!list.isEmpty()) {
                    oldest = Math.min(oldest, list.get(0).arrivalNanos);
                }
            }
            return oldest;
        }

        private Map<Integer, Long> untrained() {
            Map<Integer, Long> out = new TreeMap<>();
            if (consumedUpTo.isEmpty()) {
                return out;
            }
            try {
                List<TopicPartition> parts = consumedUpTo.keySet().stream()
                        .map(p -> new TopicPartition(topic.name(), p)).toList();
                Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(10));
                for (TopicPartition tp : parts) {
                    out.put(tp.partition(), Math.max(0, end.get(tp) - consumedUpTo.get(tp.partition())));
                }
            } catch (RuntimeException e) {
                LOG.warn("stage {}: could not read end offsets for the report: {}", spec.stage(), e.getMessage());
            }
            return out;
        }

        private void pause() {
            consumer.pause(dataPartitions(consumer.assignment()));
        }

        private void resume() {
            consumer.resume(dataPartitions(consumer.assignment()));
        }

        private List<TopicPartition> dataPartitions(Collection<TopicPartition> parts) {
            return parts.stream().filter(tp -> tp.topic().equals(topic.name())).toList();
        }

        // ---- rebalances ------------------------------------------------------------------------------------

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> parts) {
            assignments.incrementAndGet();
            List<TopicPartition> data = dataPartitions(parts);
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition tp : data) {
                // Records up to consumedUpTo are in a checkpoint or in the round now training; on a re-assignment
                // in the same run, resume after them rather than at the last checkpoint, which would train the
                // in-flight round's records twice.
                Long next = consumedUpTo.containsKey(tp.partition()) ? consumedUpTo.get(tp.partition())
                        : engine.nextOffset(tp.partition());
                if (next == null) {
                    fresh.add(tp);
                } else {
                    consumer.seek(tp, next);
                    consumedUpTo.put(tp.partition(), next);
                }
                pending.put(tp.partition(), new ArrayList<>());
                lastBuffered.remove(tp.partition());
            }
            if (!fresh.isEmpty()) {
                consumer.seekToBeginning(fresh);
                consumer.beginningOffsets(fresh).forEach((tp, o) -> consumedUpTo.put(tp.partition(), o));
            }
            List<TopicPartition> trig = parts.stream().filter(tp -> tp.topic().equals(triggers.name())).toList();
            if (!trig.isEmpty()) {
                consumer.seekToEnd(trig); // only triggers sent while running count
            }
            if (training != null) {
                consumer.pause(data);
            }
            LOG.info("stage {}: assigned {}, starting at {}", spec.stage(), parts, consumedUpTo);
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
            for (TopicPartition tp : dataPartitions(parts)) {
                pending.remove(tp.partition());
                caughtUp.remove(tp.partition());
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> parts) {
            onPartitionsRevoked(parts);
        }

        // ---- lifecycle -------------------------------------------------------------------------------------

        void shutdown() {
            boolean interrupted = Thread.interrupted(); // let the waits below work; restored at the end
            if (training != null && !training.isDone()) {
                training.cancel(true);
            }
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(2, TimeUnit.MINUTES)) {
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

    private static String describe(Map<Integer, long[]> ranges) {
        StringBuilder sb = new StringBuilder();
        ranges.forEach((p, r) -> sb.append(sb.length() == 0 ? "" : ", ").append(p).append(":[").append(r[0]).append(',')
                .append(r[1]).append(')'));
        return sb.toString();
    }

    /** A buffered input record. */
    private static final class Buffered<V> {
        final int partition;
        final long offset;
        final byte[] key;
        final byte[] value;
        final long timestamp;
        final long arrivalNanos;
        V record;
        Example formatted;
        UnformattableRecordException error;
        /** A tombstone, or a record a later tombstone of its key withdrew: never trained, never a dead letter. */
        boolean withdrawn;

        Buffered(int partition, long offset, byte[] key, byte[] value, long timestamp, long arrivalNanos) {
            this.partition = partition;
            this.offset = offset;
            this.key = key;
            this.value = value;
            this.timestamp = timestamp;
            this.arrivalNanos = arrivalNanos;
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
