package medstream.labeler.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import medstream.contracts.DeadLetter;
import medstream.contracts.Decision;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.core.ReasonCodes;
import medstream.labeler.model.LabelingModel;
import medstream.topics.Topic;
import medstream.labeler.LabelerTopics;
import medstream.topics.TopicCatalog;
import medstream.topics.clients.ClientListener;
import medstream.topics.clients.PausingOffloader;
import medstream.topics.errors.DeadLetters;
import medstream.topics.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's read-process-write loop. The poll thread owns the consumer and the transactional producer;
 * inference runs on a separate single thread ({@link PausingOffloader}). While a batch is in the model every
 * assigned partition is paused and the loop keeps polling (which returns nothing), so the consumer never exceeds
 * {@code max.poll.interval.ms} however long the model takes. Each batch is one transaction: its results,
 * review copies and dead letters, plus its input offsets via {@code sendOffsetsToTransaction}; on a failure
 * the transaction is aborted and the consumer seeks back to the batch's first offsets.
 */
final class LabelerWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LabelerWorker.class);
    private static final Duration BUSY_POLL = Duration.ofMillis(10);
    static final String SERVICE = "medstream-labeler";

    private final int index;
    private final String transactionalId;
    private final LabelerConfig config;
    private final TopicCatalog catalog;
    private final Map<String, Object> consumerProps;
    private final Map<String, Object> producerProps;
    private final LabelingPipeline pipeline;
    private final ModelSlot slot;
    private final LabelerStats stats;
    private final BatchListener listener;
    private final ClientListener clients;
    private final ExecutorService inference;
    private final Deserializer<LabelRequest> requests;
    private final Serializer<LabelResult> results;
    private final Serializer<DeadLetter> deadLetters;
    // Output topics, from the labeler's topic contract (LabelerTopics.CONTRACT).
    private final String resultsTopic;
    private final String reviewTopic;
    private final String dlqTopic;

    private volatile boolean stopping;
    private volatile boolean crashed;
    private volatile Throwable failure;
    private volatile java.util.Set<TopicPartition> assigned = java.util.Set.of();

    // Poll-thread state.
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private PausingOffloader<List<LabelingOutcome>> offload;
    private final ArrayDeque<Buffered> buffer = new ArrayDeque<>();
    private InFlight inFlight;
    private long batchNo;

    LabelerWorker(int index, String transactionalId, LabelerConfig config, TopicCatalog catalog, Map<String, Object> consumerProps,
                  Map<String, Object> producerProps, LabelingPipeline pipeline, ModelSlot slot, LabelerStats stats,
                  BatchListener listener, ClientListener clients) {
        this.index = index;
        this.transactionalId = transactionalId;
        this.config = config;
        this.catalog = catalog;
        this.consumerProps = consumerProps;
        this.producerProps = producerProps;
        this.pipeline = pipeline;
        this.slot = slot;
        this.stats = stats;
        this.listener = listener;
        this.clients = clients;
        this.inference = Executors.newSingleThreadExecutor(r -> new Thread(r, "labeler-inference-" + index));
        // Serdes per worker: the poll threads must not share (de)serializer caches.
        this.requests = AvroSerdes.specific(LabelRequest.class, false, catalog.serdeConfig()).deserializer();
        this.results = AvroSerdes.specific(LabelResult.class, false, catalog.serdeConfig()).serializer();
        this.deadLetters = AvroSerdes.specific(DeadLetter.class, false, catalog.serdeConfig()).serializer();
        this.resultsTopic = LabelerTopics.CONTRACT.output(catalog, TopicCatalog::labelResults).name();
        this.reviewTopic = LabelerTopics.CONTRACT.output(catalog, TopicCatalog::labelReview).name();
        this.dlqTopic = LabelerTopics.CONTRACT.output(catalog, TopicCatalog::dlq).name();
    }

    /** Asks the loop to finish its batch, commit it and close. */
    void stop() {
        stopping = true;
    }

    /** Makes the loop end as a killed process would: no commit, no abort, clients closed with zero timeout. */
    void crash() {
        crashed = true;
    }

    /** The partitions this worker owns now. */
    java.util.Set<TopicPartition> assigned() {
        return assigned;
    }

    /** The exception that ended the loop, if any. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        clients.opened(consumer);
        clients.opened(producer);
        offload = new PausingOffloader<>(consumer, inference, tp -> true); // a batch holds every partition
        try {
            // Fences an earlier incarnation with the same transactional id and aborts its open transaction.
            producer.initTransactions();
            Topic<String, LabelRequest> input = LabelerTopics.CONTRACT.input(catalog, TopicCatalog::labelRequests);
            consumer.subscribe(List.of(input.name()), new Rebalance());
            LOG.info("Labeler worker {} ({}) consuming {} as {}", index, transactionalId, input,
                    consumerProps.get("group.id"));
            while (!stopping && !crashed) {
                loopOnce();
            }
            if (!crashed && inFlight != null) {
                awaitInFlight();
                complete();
            }
        } catch (Abandoned e) {
            LOG.warn("Labeler worker {} abandoned mid-transaction (crash)", index);
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("Labeler worker {} stopped on an unrecoverable error; restart the service (partitions move to the "
                    + "other workers meanwhile): {}", index, e.toString(), e);
        } finally {
            closeClients();
            inference.shutdownNow();
        }
    }

    private void loopOnce() {
        Duration timeout = inFlight != null ? BUSY_POLL : pollTimeout();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) buffer.add(new Buffered(r, System.nanoTime()));
        if (crashed) return;
        if (offload.done()) complete();
        if (inFlight == null && readyToDispatch()) dispatch();
        holdOrResume();
    }

    private Duration pollTimeout() {
        if (buffer.isEmpty()) return Duration.ofMillis(config.pollMs());
        long waitedMs = (System.nanoTime() - buffer.peekFirst().arrivedNanos) / 1_000_000;
        return Duration.ofMillis(Math.max(1, Math.min(config.pollMs(), config.maxWaitMs() - waitedMs)));
    }

    private boolean readyToDispatch() {
        if (buffer.isEmpty() || !slot.hasModel()) return false;
        long waitedMs = (System.nanoTime() - buffer.peekFirst().arrivedNanos) / 1_000_000;
        return buffer.size() >= config.maxBatchSize() || waitedMs >= config.maxWaitMs() || stopping;
    }

    /** Paused while a batch is in the model, the buffer is full, or there is no model yet; else resumed. */
    private void holdOrResume() {
        boolean hold = inFlight != null || buffer.size() >= config.maxBatchSize() || !slot.hasModel();
        if (hold) consumer.pause(consumer.assignment());
        else if (!consumer.paused().isEmpty()) consumer.resume(consumer.paused());
    }

    private void dispatch() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        while (!buffer.isEmpty() && records.size() < config.maxBatchSize()) records.add(buffer.pollFirst().record);
        // Records that are not LabelRequests never reach the model; they become dead letters in this batch's transaction.
        List<LabelRequest> parsed = new ArrayList<>();
        Map<Integer, LabelingOutcome> badRecords = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> r = records.get(i);
            try {
                LabelRequest req = r.value() == null ? null : requests.deserialize(r.topic(), r.value());
                if (req == null) throw new IllegalArgumentException("the record has no value (tombstone)");
                parsed.add(req);
            } catch (RuntimeException e) {
                badRecords.put(i, new LabelingOutcome.Rejected(null, ReasonCodes.BAD_RECORD, "Record " + r.topic() + "-"
                        + r.partition() + "@" + r.offset() + " is not a LabelRequest in the Confluent Avro wire format: "
                        + e.getMessage() + "; fix its producer", e));
            }
        }
        LabelingModel model = slot.forNextBatch();
        if (model.version() != null && !model.version().equals(lastVersion)) {
            if (lastVersion != null) stats.modelSwaps.incrementAndGet();
            LOG.info("Labeler worker {} labels with model {} on {}", index, model.version(), model.device());
            lastVersion = model.version();
        }
        offload.start(() -> {
            List<LabelingOutcome> labeled = parsed.isEmpty() ? List.of() : pipeline.label(parsed, model);
            List<LabelingOutcome> all = new ArrayList<>(records.size());
            Iterator<LabelingOutcome> it = labeled.iterator();
            for (int i = 0; i < records.size(); i++) all.add(badRecords.containsKey(i) ? badRecords.get(i) : it.next());
            return all;
        });
        inFlight = new InFlight(records, model.version(), ++batchNo, System.nanoTime());
    }

    private String lastVersion;

    private void awaitInFlight() {
        try {
            offload.await(); // a failure is complete()'s to handle
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch in the model", e);
        }
    }

    /** Writes the finished batch in one transaction, or aborts it and seeks back. */
    private void complete() {
        InFlight batch = inFlight;
        inFlight = null;
        List<LabelingOutcome> outcomes;
        try {
            outcomes = offload.finish();
        } catch (ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.error("Labeler worker {}: batch {} failed in the pipeline; it will be read again: {}", index, batch.number,
                    e.toString(), e);
            stats.abortedBatches.incrementAndGet();
            seekBack(batch.records);
            return;
        }
        if (crashed) throw new Abandoned();
        long accepted = 0;
        long review = 0;
        long dead = 0;
        Map<String, Long> deadByClass = new HashMap<>();
        try {
            producer.beginTransaction();
            for (int i = 0; i < outcomes.size(); i++) {
                ConsumerRecord<byte[], byte[]> in = batch.records.get(i);
                LabelingOutcome o = outcomes.get(i);
                if (o instanceof LabelingOutcome.Labeled l) {
                    send(resultsTopic, l.result());
                    if (l.result().getDecision() == Decision.REVIEW) {
                        send(reviewTopic, l.result());
                        review++;
                    } else {
                        accepted++;
                    }
                } else {
                    LabelingOutcome.Rejected rej = (LabelingOutcome.Rejected) o;
                    DeadLetter letter = DeadLetters.stamped(DeadLetters.of(SERVICE, in.topic(), in.partition(), in.offset(),
                            in.key(), in.value(), rej.code(), rej.description(), rej.cause()), in.timestamp());
                    producer.send(DeadLetters.record(dlqTopic, letter, deadLetters.serialize(dlqTopic, letter)));
                    dead++;
                    deadByClass.merge(letter.getErrorClass(), 1L, Long::sum);
                }
            }
            producer.flush();
            listener.beforeCommit(index, batch.number, batch.records.size(), batch.modelVersion);
            if (crashed) throw new Abandoned();
            producer.sendOffsetsToTransaction(nextOffsets(batch.records), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
            // Another incarnation owns our transactional id (or the broker refuses us): nothing to abort; stop.
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Labeler worker {}: transaction of batch {} failed ({}); aborting and reading the batch again", index,
                    batch.number, e.toString());
            producer.abortTransaction();
            stats.abortedBatches.incrementAndGet();
            seekBack(batch.records);
            return;
        }
        stats.committedBatches.incrementAndGet();
        stats.committedBatchNanos.addAndGet(System.nanoTime() - batch.startedNanos);
        stats.committedRecords.addAndGet(batch.records.size());
        stats.accepted.addAndGet(accepted);
        stats.review.addAndGet(review);
        stats.deadLetters.addAndGet(dead);
        stats.addDeadLetters(deadByClass);
    }

    private void send(String topic, LabelResult r) {
        producer.send(new ProducerRecord<>(topic, r.getRequestId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                results.serialize(topic, r)));
    }

    /** The offsets to commit: one past the batch's last record, per partition. */
    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            OffsetAndMetadata prev = m.get(tp);
            if (prev == null || prev.offset() <= r.offset()) m.put(tp, new OffsetAndMetadata(r.offset() + 1));
        }
        return m;
    }

    /** Rewinds each still-assigned partition of the batch to its first record and drops what was buffered after it. */
    private void seekBack(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        for (Map.Entry<TopicPartition, Long> e : first.entrySet()) {
            if (consumer.assignment().contains(e.getKey())) consumer.seek(e.getKey(), e.getValue());
        }
        buffer.removeIf(b -> first.containsKey(new TopicPartition(b.record.topic(), b.record.partition())));
    }

    private void closeClients() {
        clients.closing(consumer);
        clients.closing(producer);
        if (crashed) {
            // As a killed process: no LeaveGroup, no abort; the broker times the member and the transaction out,
            // or the next incarnation's initTransactions() aborts it.
            producer.close(Duration.ZERO);
            consumer.close(CloseOptions.timeout(Duration.ZERO)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        } else {
            try {
                consumer.close();
            } finally {
                producer.close();
            }
        }
        LOG.info("Labeler worker {} closed{}", index, crashed ? " (crash)" : "");
    }

    /** On revocation the batch in the model is finished and committed first, so nothing is labeled twice. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (inFlight != null && !crashed) {
                awaitInFlight();
                complete();
            }
            buffer.removeIf(b -> partitions.contains(new TopicPartition(b.record.topic(), b.record.partition())));
            assigned = without(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // The group moved on: our offsets can no longer commit, so the batch is dropped and its new owner relabels it.
            if (inFlight != null) {
                awaitInFlight();
                try {
                    offload.finish();
                } catch (ExecutionException | InterruptedException e) {
                    // Dropped with its batch, whatever its outcome.
                }
                inFlight = null;
            }
            buffer.removeIf(b -> partitions.contains(new TopicPartition(b.record.topic(), b.record.partition())));
            assigned = without(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            java.util.Set<TopicPartition> now = new java.util.HashSet<>(assigned);
            now.addAll(partitions);
            assigned = java.util.Set.copyOf(now);
            offload.onAssigned(partitions);
            LOG.info("Labeler worker {} assigned {}", index, partitions);
        }

        private java.util.Set<TopicPartition> without(Collection<TopicPartition> partitions) {
            java.util.Set<TopicPartition> now = new java.util.HashSet<>(assigned);
            now.removeAll(partitions);
            return java.util.Set.copyOf(now);
        }
    }

    /** Ends the loop without committing (crash simulation). */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("abandoned", null, false, false);
        }
    }

    private record Buffered(ConsumerRecord<byte[], byte[]> record, long arrivedNanos) {}

    private record InFlight(List<ConsumerRecord<byte[], byte[]>> records, String modelVersion, long number,
                            long startedNanos) {}

    /** Waits for the inference thread to end (after {@link #run} returned). */
    void awaitInferenceThread(long millis) throws InterruptedException {
        inference.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
