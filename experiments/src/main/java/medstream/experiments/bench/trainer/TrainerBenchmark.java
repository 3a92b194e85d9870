package medstream.experiments.bench.trainer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import medstream.contracts.CorpusText;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.TopicProvisioner;
import medstream.trainer.Budget;
import medstream.trainer.RoundInput;
import medstream.trainer.RoundResult;
import medstream.trainer.StageEngine;
import medstream.trainer.StageRun;
import medstream.trainer.StageSpec;
import medstream.trainer.StageTrainer;
import medstream.trainer.TrainerContext;
import medstream.trainer.TrainerListener;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.format.Example;
import medstream.trainer.round.RoundPlanner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./medstream bench trainer}: the same stage-1 training round on the same records, fed (a) from
 * memory and (b) from a Kafka topic through the stage trainer's consumer. Both paths format the records and
 * train one round from a fresh model with the same tokenizer, so the ratio shows what consuming from Kafka
 * costs the trainer. Checkpoint writing is timed separately and left out of both rates.
 *
 * <p>On a shared 2-core machine the speed of the optimizer steps swings by 2x between runs, more than the
 * difference being measured; so besides the ratio of the median rates the result has a step-share ratio: each
 * run's share of wall time spent in optimizer steps (the rest is formatting, polling, the group join), Kafka
 * over memory. Both paths run the same steps, so this is the ratio with the swings cancelled out.
 */
public final class TrainerBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerBenchmark.class);

    private TrainerBenchmark() {}

    /**
     * What to run.
     *
     * @param catalog a catalog whose serde config (schema registry) the benchmark's private topics reuse
     * @param bootstrap broker
     * @param workDir scratch directory for checkpoints
     * @param preset model preset
     * @param records stage-1 records to train on
     * @param repeats measurements per path, alternating which path goes first; the medians are reported
     *     (a shared 2-core machine swings single runs by a factor of two)
     */
    public record BenchParams(TopicCatalog catalog, String bootstrap, Path workDir, String preset,
            List<CorpusText> records, int repeats) {
        /** Validates the repeat count. */
        public BenchParams {
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
            }
        }
    }

    /**
     * The measurement.
     *
     * @param preset model preset
     * @param parameters model parameters
     * @param modelBytes size of the saved parameters
     * @param records records trained on
     * @param tokens tokens per path (new rows, without padding)
     * @param memoryTokensPerS tokens / (format + train) seconds, fed from memory
     * @param kafkaTokensPerS tokens / (poll + format + train) seconds, fed through the consumer
     * @param ratio kafka / memory
     * @param checkpointSeconds mean time to write one checkpoint
     * @param memorySeconds seconds of the memory path
     * @param kafkaSeconds seconds of the Kafka path
     * @param memoryTrainSeconds of which optimizer steps, memory path
     * @param kafkaTrainSeconds of which optimizer steps, Kafka path
     * @param stepShareRatio (Kafka path's share of time in optimizer steps) / (memory path's share), per-run
     *     shares, medians: the ratio with the machine's speed swings between runs cancelled out
     */
    public record BenchResult(String preset, long parameters, long modelBytes, int records, long tokens,
            double memoryTokensPerS, double kafkaTokensPerS, double ratio, double checkpointSeconds,
            double memorySeconds, double kafkaSeconds, double memoryTrainSeconds, double kafkaTrainSeconds,
            double stepShareRatio) {

        /** The result as the JSON object {@code bench trainer --json} prints. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("preset", preset);
            m.put("parameters", parameters);
            m.put("model_bytes", modelBytes);
            m.put("records", records);
            m.put("tokens", tokens);
            m.put("memory_tokens_per_s", Math.round(memoryTokensPerS * 10) / 10.0);
            m.put("kafka_tokens_per_s", Math.round(kafkaTokensPerS * 10) / 10.0);
            m.put("ratio", Math.round(ratio * 1000) / 1000.0);
            m.put("checkpoint_s", Math.round(checkpointSeconds * 1000) / 1000.0);
            m.put("memory_s", Math.round(memorySeconds * 100) / 100.0);
            m.put("kafka_s", Math.round(kafkaSeconds * 100) / 100.0);
            m.put("memory_train_s", Math.round(memoryTrainSeconds * 100) / 100.0);
            m.put("kafka_train_s", Math.round(kafkaTrainSeconds * 100) / 100.0);
            m.put("step_share_ratio", Math.round(stepShareRatio * 1000) / 1000.0);
            return m;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "trainer bench (%s, %.2fM params): memory %.0f tok/s, kafka %.0f tok/s,"
                    + " ratio %.3f (step-share ratio %.3f), checkpoint %.3f s, %d records / %d tokens", preset,
                    parameters / 1e6, memoryTokensPerS, kafkaTokensPerS, ratio, stepShareRatio, checkpointSeconds,
                    records, tokens);
        }
    }

    /**
     * Runs both paths.
     *
     * @param params what to run
     * @return the measurement
     */
    public static BenchResult run(BenchParams params) throws IOException {
        List<CorpusText> records = params.records();
        BpeTokenizer tokenizer = new BpeTrainer(TrainingHyperparameters.forPreset(params.preset()).vocabSize())
                .train(records.stream().map(CorpusText::getText));
        TrainingHyperparameters hyper = oneRound(params.preset());
        String id = UUID.randomUUID().toString().substring(0, 8);
        TopicCatalog catalog = new TopicCatalog("bench-" + id + "." + params.catalog().prefix(),
                TopicCatalog.DEFAULT_PARTITIONS, params.catalog().serdeConfig());
        provision(catalog, params.bootstrap());
        produce(catalog, params.bootstrap(), records);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);

        // (a) memory: the records in the order the consumer's round uses (partition, then offset).
        List<CorpusText> ordered = new ArrayList<>();
        for (int p = 0; p < catalog.stage1Corpus().partitions(); p++) {
            for (int i = p; i < records.size(); i += catalog.stage1Corpus().partitions()) {
                ordered.add(records.get(i));
            }
        }
        // Warm-up: PyTorch's first passes (allocator, thread pool, kernels) would otherwise be billed to
        // whichever path runs first.
        // Both paths train on a fresh thread, as the stage trainer does (see StageTrainer#run on why).
        onFreshThread(() -> memoryRound(hyper, params.workDir().resolve("warmup-" + id), catalog, quiet, tokenizer,
                ordered.subList(0, Math.min(8, ordered.size()))));
        List<Double> memoryRates = new ArrayList<>();
        List<Double> kafkaRates = new ArrayList<>();
        List<Double> checkpointTimes = new ArrayList<>();
        List<Double> memorySecondsAll = new ArrayList<>();
        List<Double> kafkaSecondsAll = new ArrayList<>();
        List<Double> memoryTrainAll = new ArrayList<>();
        List<Double> kafkaTrainAll = new ArrayList<>();
        RoundResult kafka = null;
        for (int rep = 0; rep < params.repeats(); rep++) {
            for (int order = 0; order < 2; order++) {
                boolean memoryNow = (rep % 2 == 0) == (order == 0);
                String tag = id + "-" + rep;
                if (memoryNow) {
                    MemoryRun m = onFreshThread(() -> memoryRound(hyper, params.workDir().resolve("memory-" + tag),
                            catalog, quiet, tokenizer, ordered));
                    memoryRates.add(m.result().trainedTokens() / m.seconds());
                    memorySecondsAll.add(m.seconds());
                    memoryTrainAll.add(m.result().trainSeconds());
                    checkpointTimes.add(m.result().checkpointSeconds());
                } else {
                    TrainerContext ctx = new TrainerContext(catalog, params.bootstrap(),
                            params.workDir().resolve("kafka-" + tag), hyper, Map.of(), "-bench-" + tag,
                            TrainerListener.NONE, null, tokenizer, quiet);
                    StageRun run = new StageTrainer<>(StageSpec.STAGE1, ctx).run(true, Budget.UNLIMITED);
                    if (run.rounds().size() != 1) {
                        throw new IllegalStateException("the Kafka path trained " + run.rounds().size()
                                + " rounds instead of one; the benchmark compares one round each");
                    }
                    kafka = run.rounds().get(0);
                    double seconds = run.loopSeconds() - kafka.checkpointSeconds();
                    kafkaRates.add(kafka.trainedTokens() / seconds);
                    kafkaSecondsAll.add(seconds);
                    kafkaTrainAll.add(kafka.trainSeconds());
                    checkpointTimes.add(kafka.checkpointSeconds());
                }
            }
        }
        LOG.info("trainer bench samples: memory tok/s {}, kafka tok/s {}", memoryRates, kafkaRates);
        long tokens = kafka.trainedTokens();
        Checkpoint c = Checkpoint.open(kafka.checkpoint());
        long bytes = Files.size(c.dir().resolve(Checkpoint.PARAMETERS));
        long parameters;
        try (var model = c.loadModel(ai.djl.Device.cpu())) {
            parameters = model.parameterCount();
        }
        double memoryRate = median(memoryRates);
        double kafkaRate = median(kafkaRates);
        BenchResult result = new BenchResult(params.preset(), parameters, bytes, records.size(), tokens, memoryRate,
                kafkaRate, kafkaRate / memoryRate, median(checkpointTimes), median(memorySecondsAll),
                median(kafkaSecondsAll), median(memoryTrainAll), median(kafkaTrainAll),
                median(shares(kafkaTrainAll, kafkaSecondsAll)) / median(shares(memoryTrainAll, memorySecondsAll)));
        LOG.info("{}", result);
        return result;
    }

    private record MemoryRun(RoundResult result, double seconds) { }

    private static List<Double> shares(List<Double> part, List<Double> whole) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            out.add(part.get(i) / whole.get(i));
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static <T> T onFreshThread(java.util.concurrent.Callable<T> work) throws IOException {
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "trainer-bench");
            t.setDaemon(true);
            return t;
        });
        try {
            return ex.submit(work).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarking", e);
        } finally {
            ex.shutdownNow();
        }
    }

    /** Formats and trains the records as one round from a fresh model; seconds exclude the checkpoint. */
    private static MemoryRun memoryRound(TrainingHyperparameters hyper, Path root, TopicCatalog catalog,
            PrintStream quiet, BpeTokenizer tokenizer, List<CorpusText> ordered) throws IOException {
        try (StageEngine<CorpusText> engine = StageEngine.open(StageSpec.STAGE1, hyper, root,
                catalog.stage1Corpus().name(), TrainerListener.NONE, quiet, tokenizer)) {
            long t0 = System.nanoTime();
            List<Example> formatted = new ArrayList<>();
            long tokens = 0;
            for (CorpusText r : ordered) {
                Example e = engine.format(r);
                formatted.add(e);
                tokens += e.length();
            }
            RoundResult result = engine.trainRound(new RoundInput(formatted, Map.of(0, new long[] {0, ordered.size()}),
                    Map.of(0, (long) ordered.size()), Map.of(0, tokens), 0, RoundPlanner.Reason.CAUGHT_UP));
            return new MemoryRun(result, (System.nanoTime() - t0) / 1e9 - result.checkpointSeconds());
        }
    }

    /** One round per path: no size limits, a round when the topic is caught up, no replay, no evaluation. */
    static TrainingHyperparameters oneRound(String preset) {
        TrainingHyperparameters h = TrainingHyperparameters.forPreset(preset);
        StageConfig s1 = h.stage1();
        return h.withStage(s1.withReplayFraction(0).withTriggers(s1.triggers().withMaxRecords(Integer.MAX_VALUE)
                        .withMaxTokens(Long.MAX_VALUE).withMaxAge(null).withFireWhenCaughtUp(true)))
                .withEval(new TrainingHyperparameters.EvalConfig(0, 0, false));
    }

    private static void provision(TopicCatalog catalog, String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicProvisioner(admin, (short) 1).provision(catalog.all());
            // Wait for the leaders first. Not enough on its own: a partition reported with a leader still refused
            // the first produce request NOT_LEADER_OR_FOLLOWER in 5 of 7 benchmark runs; produce() copes with that.
            String topic = catalog.stage1Corpus().name();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions of " + topic + " have no leader after 30 s");
                }
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning the benchmark topics", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe the benchmark topics: " + e.getCause(), e);
        }
    }

    /** Longest wait for the records to be acknowledged; the producer's own delivery timeout is below it. */
    private static final long PRODUCE_TIMEOUT_S = 120;

    /**
     * Producer settings for the benchmark's records. Idempotent with one request in flight, as ingestion
     * does: with 5 in flight, a first batch refused NOT_LEADER_OR_FOLLOWER by a partition the broker is still
     * opening was overtaken by later batches, and its retry was then refused OUT_OF_ORDER_SEQUENCE_NUMBER
     * over and over (KAFKA-15591); the benchmark hung before training. Larger batches keep one request in
     * flight from costing throughput.
     */
    static Map<String, Object> producerConfig(String bootstrap) {
        Map<String, Object> props = new TreeMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A delivery that cannot succeed fails (and fails the benchmark with the cause) instead of hanging.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "medstream-trainer-bench");
        return props;
    }

    private static void produce(TopicCatalog catalog, String bootstrap, List<CorpusText> records) {
        var topic = catalog.stage1Corpus();
        KafkaProducer<String, CorpusText> producer = new KafkaProducer<>(producerConfig(bootstrap),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
        try {
            // One record per partition first, acknowledged before the bulk: a partition that is still becoming
            // leader is retried while nothing else is queued behind it.
            int first = Math.min(topic.partitions(), records.size());
            awaitAcks(sendRange(producer, topic.name(), topic.partitions(), records, 0, first));
            awaitAcks(sendRange(producer, topic.name(), topic.partitions(), records, first, records.size()));
        } finally {
            // Bounded: a plain close() waits without limit for sends that are stuck.
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }

    private static List<java.util.concurrent.Future<?>> sendRange(KafkaProducer<String, CorpusText> producer,
            String topic, int partitions, List<CorpusText> records, int from, int to) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            // Record i goes to partition i mod P: the memory path replays them in that (partition, offset) order.
            acks.add(producer.send(new ProducerRecord<>(topic, i % partitions, records.get(i).getId(), records.get(i))));
        }
        return acks;
    }

    /** Waits with a deadline (not {@code flush()}, which has none) so a stuck partition fails the run. */
    private static void awaitAcks(List<java.util.concurrent.Future<?>> acks) {
        long deadline = System.nanoTime() + PRODUCE_TIMEOUT_S * 1_000_000_000L;
        try {
            for (var ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing the benchmark records", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("producing the benchmark records failed: " + e.getCause()
                    + "; is the broker up and the topic provisioned?", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the benchmark records were not acknowledged within " + PRODUCE_TIMEOUT_S
                    + " s; check the broker's log for the partitions' leadership", e);
        }
    }

    /**
     * Stage-1 records for the benchmark from the shared data: PubMedQA PQA-L abstracts.
     *
     * @param sharedData the shared data directory
     * @param n records wanted (at most 1000)
     * @return the records
     */
    public static List<CorpusText> pubmedAbstracts(Path sharedData, int n) {
        try {
            var root = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(sharedData.resolve("pubmedqa-pqal/pqal_trainval.json").toFile());
            List<CorpusText> out = new ArrayList<>();
            var names = root.fieldNames();
            while (names.hasNext() && out.size() < n) {
                String pmid = names.next();
                List<String> parts = new ArrayList<>();
                root.path(pmid).path("CONTEXTS").forEach(c -> parts.add(c.asText()));
                String text = String.join(" ", parts);
                out.add(CorpusText.newBuilder().setId("pubmedqa:" + pmid).setText(text).setLanguage("en")
                        .setSourceKind("DOCUMENT").setSource("pubmedqa").setOriginIds(List.of(pmid))
                        .setApproxTokens(text.split("\\s+").length).build());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PubMedQA from " + sharedData, e);
        }
    }
}
