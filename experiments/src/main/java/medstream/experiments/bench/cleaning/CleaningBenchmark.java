package medstream.experiments.bench.cleaning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.CleaningTopology;
import medstream.cleaning.streams.CleaningMetrics;
import medstream.contracts.EvalItem;
import medstream.contracts.RawDocument;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;
import medstream.topics.admin.TopicProvisioner;
import medstream.topics.embedded.EmbeddedKafka;
import medstream.topics.serde.AvroSerdes;

/**
 * Cleaning throughput as a ratio to a pass-through baseline, in one process against the embedded broker: both
 * topologies read the same N documents (built by {@link BenchCorpus}) with the same Avro serdes, the same
 * {@code getStreamsConfig} (exactly_once_v2) and the same number of stream threads, timed from
 * {@code KafkaStreams#start()} until a read_committed consumer has seen one output record per input (the method of
 * {@code shared/BASELINES.md}). One untimed warm-up run of each topology on the same N documents comes first (JIT of
 * the app and of the in-process broker: with 20,000 warm-up documents pass-through still doubled from the first to
 * the second timed run), then
 * the timed runs alternate pass-through, structure and cleaning, and the medians are reported, each run with the
 * machine's load average (the machine is shared). The {@code structure} run is the cleaning topology with
 * {@link StructureOnlyWork}, no text processing at all: its rate is the ceiling that the topology's Kafka and
 * state-store work (repartition, dedup stores and their changelogs, exactly-once commits) sets by itself, so the
 * gap between pass-through and cleaning splits into what the topology's shape costs and what the text steps cost.
 * Adds the per-stage cost of the pure steps on the same documents
 * ({@link StageCosts}) and, optionally, the near-dedup cost per document at 10k and 100k documents seen
 * ({@link DedupScalingBench}).
 *
 * <p>The CLI's {@code bench cleaning} calls {@link #run(Options)} and prints {@link Result#toJson()};
 * {@link #main(String[])} does the same without the CLI.
 */
public final class CleaningBenchmark {

    private static final long SEED = 20261125L;
    /** Stream threads of both topologies by default: one per input partition, one per core of the 2-core target. */
    public static final int DEFAULT_THREADS = 2;

    private CleaningBenchmark() {
    }

    /**
     * What to run.
     *
     * @param records      documents per topology run
     * @param repeats      timed runs of each topology (alternating, after one warm-up run of each); the median of
     *                     each is reported
     * @param dedupScaling also measure near-dedup cost at {@code dedupSmall} and {@code dedupLarge} documents seen
     * @param dedupSmall   documents seen for the first dedup measurement (10,000)
     * @param dedupLarge   documents seen for the second (100,000)
     * @param threads      stream threads of both topologies (2: one per input partition)
     * @param dataDir      the shared data folder
     * @param config       cleaning configuration
     */
    public record Options(int records, int repeats, boolean dedupScaling, int dedupSmall, int dedupLarge,
                          int threads, Path dataDir, CleaningConfig config) {

        /** 20,000 records, one timed run each, no dedup scaling, two threads, default cleaning. */
        public static Options defaults(Path dataDir) {
            return new Options(20_000, 1, false, 10_000, 100_000, DEFAULT_THREADS, dataDir, CleaningConfig.defaults());
        }
    }

    /**
     * Benchmark figures.
     *
     * @param records           documents per run
     * @param passthroughRps    records/s of the pass-through topology (median of the timed runs)
     * @param cleaningRps       records/s of the cleaning topology (median of the timed runs)
     * @param ratio             cleaning / pass-through
     * @param stageMicrosPerDoc microseconds per document of each pure step, measured in this JVM on the same documents
     * @param cleaningOutcomes  outcome counts of the last cleaning run (clean, and each reject reason)
     * @param dedupScaling      near-dedup cost at two corpus sizes, or {@code null} when not measured
     * @param passthroughRuns   every pass-through run, records/s
     * @param cleaningRuns      every cleaning run, records/s
     * @param passthroughSteadyRps pass-through records/s between 10% and 100% of the outputs (median)
     * @param cleaningSteadyRps    cleaning records/s between 10% and 100% of the outputs (median)
     * @param threads           stream threads of both topologies
     * @param runs              every run in order, warm-up included, with its load average
     * @param structureRps      records/s of the cleaning topology without text work (median of the timed runs)
     * @param structureOutcomes outcome counts of the last structure run (all clean when nothing is lost)
     */
    public record Result(int records, double passthroughRps, double cleaningRps, double ratio,
                         Map<String, Double> stageMicrosPerDoc, Map<String, Long> cleaningOutcomes,
                         DedupScalingBench.Result dedupScaling, List<Double> passthroughRuns,
                         List<Double> cleaningRuns, double passthroughSteadyRps, double cleaningSteadyRps,
                         int threads, List<Run> runs, double structureRps, Map<String, Long> structureOutcomes) {

        /** One JSON object with snake_case keys, as {@code bench cleaning --json} prints it. */
        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("records", records);
            json.put("passthrough_rps", round(passthroughRps));
            json.put("cleaning_rps", round(cleaningRps));
            json.put("ratio", Math.round(ratio * 1000) / 1000.0);
            json.put("passthrough_steady_rps", round(passthroughSteadyRps));
            json.put("cleaning_steady_rps", round(cleaningSteadyRps));
            json.put("steady_ratio", Math.round(cleaningSteadyRps / passthroughSteadyRps * 1000) / 1000.0);
            // The topology's shape alone (no text work): the ceiling of `ratio` whatever the text steps cost.
            json.put("structure_rps", round(structureRps));
            json.put("structure_ratio", Math.round(structureRps / passthroughRps * 1000) / 1000.0);
            json.put("cleaning_vs_structure", Math.round(cleaningRps / structureRps * 1000) / 1000.0);
            json.put("passthrough_runs_rps", passthroughRuns.stream().map(CleaningBenchmark::round).toList());
            json.put("cleaning_runs_rps", cleaningRuns.stream().map(CleaningBenchmark::round).toList());
            json.put("threads", threads);
            json.put("runs", runs.stream().map(Run::toMap).toList());
            Map<String, Double> stages = new LinkedHashMap<>();
            stageMicrosPerDoc.forEach((k, v) -> stages.put(k, Math.round(v * 10) / 10.0));
            json.put("stage_us_per_doc", stages);
            // The other ceiling: the text steps alone, run on every core in parallel with no Kafka work at all.
            double textMicros = stageMicrosPerDoc.getOrDefault("pipeline_total", 0.0)
                    + stageMicrosPerDoc.getOrDefault("decontamination", 0.0)
                    + stageMicrosPerDoc.getOrDefault("minhash_signature", 0.0);
            if (textMicros > 0) {
                double ceiling = Math.min(threads, Runtime.getRuntime().availableProcessors()) * 1e6 / textMicros;
                json.put("text_steps_us_per_doc", Math.round(textMicros * 10) / 10.0);
                json.put("text_only_ceiling_rps", round(ceiling));
                json.put("text_only_ceiling_ratio", Math.round(ceiling / passthroughRps * 1000) / 1000.0);
            }
            json.put("cleaning_outcomes", cleaningOutcomes);
            json.put("structure_outcomes", structureOutcomes);
            if (dedupScaling != null) {
                json.put("dedup_scaling", dedupScaling.toMap());
            }
            try {
                return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One topology run.
     *
     * @param topology    {@code passthrough}, {@code structure} or {@code cleaning}
     * @param run         0 for the warm-up, then 1, 2, ...
     * @param rps         records/s from start
     * @param steadyRps   records/s between 10% and 100% of the outputs
     * @param loadBefore  1-minute load average when the run started
     * @param loadAfter   1-minute load average when it ended
     */
    public record Run(String topology, int run, double rps, double steadyRps, double loadBefore, double loadAfter) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topology", topology);
            m.put("run", run == 0 ? "warm-up" : Integer.toString(run));
            m.put("rps", round(rps));
            m.put("steady_rps", round(steadyRps));
            m.put("load_before", Math.round(loadBefore * 100) / 100.0);
            m.put("load_after", Math.round(loadAfter * 100) / 100.0);
            return m;
        }
    }

    /**
     * Runs the benchmark: stage costs, then pass-through and cleaning topologies against an embedded broker (a
     * warm-up run of each, then {@code repeats} alternating timed runs), then (optionally) dedup scaling.
     *
     * @param options what to run
     * @return the figures
     */
    public static Result run(Options options) {
        BenchCorpus corpus = BenchCorpus.load(options.dataDir());
        List<RawDocument> docs = corpus.documents(options.records(), SEED);
        List<EvalItem> evalItems = EvalItems.pubmedQaTest(options.dataDir());
        progress("corpus: %d documents from pools %s; %d evaluation items; %d stream threads", docs.size(),
                corpus.poolSizes(), evalItems.size(), options.threads());

        Map<String, Double> stages = StageCosts.measure(docs, evalItems, options.config());
        progress("stage costs (us/doc): %s", stages);

        List<Run> runs = new ArrayList<>();
        Map<String, Long> outcomes = Map.of();
        Map<String, Long> structureOutcomes = Map.of();
        String registry = "mock://bench-" + UUID.randomUUID();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            for (int r = 0; r <= options.repeats(); r++) {
                double load = loadAverage();
                double[] p = runPassthrough(kafka, admin, registry, r, docs, options);
                runs.add(new Run("passthrough", r, p[0], p[1], load, loadAverage()));
                progress("%s pass-through: %.0f records/s (%.0f after start-up), load %.2f", label(r), p[0], p[1],
                        loadAverage());
                Map<String, Long> structureCounts = new LinkedHashMap<>();
                load = loadAverage();
                double[] st = runCleaning(kafka, admin, registry, r, docs, evalItems, options, structureCounts,
                        "structure", catalog -> CleaningTopology.buildTopology(catalog, options.config(),
                                (index, hasher) -> new StructureOnlyWork(options.config().dedup().permutations())));
                runs.add(new Run("structure", r, st[0], st[1], load, loadAverage()));
                if (r > 0) {
                    structureOutcomes = structureCounts;
                }
                progress("%s structure (no text work): %.0f records/s (%.0f after start-up), load %.2f %s", label(r),
                        st[0], st[1], loadAverage(), structureCounts);
                Map<String, Long> counts = new LinkedHashMap<>();
                load = loadAverage();
                double[] c = runCleaning(kafka, admin, registry, r, docs, evalItems, options, counts, "cleaning",
                        catalog -> CleaningTopology.buildTopology(catalog, options.config()));
                runs.add(new Run("cleaning", r, c[0], c[1], load, loadAverage()));
                if (r > 0) {
                    outcomes = counts;
                }
                progress("%s cleaning: %.0f records/s (%.0f after start-up), load %.2f %s", label(r), c[0], c[1],
                        loadAverage(), counts);
            }
        }
        DedupScalingBench.Result scaling = null;
        if (options.dedupScaling()) {
            scaling = DedupScalingBench.measure(corpus, options.dedupSmall(), options.dedupLarge(),
                    options.config().dedup());
            progress("dedup scaling: %s", scaling.toMap());
        }
        List<Double> passthrough = timed(runs, "passthrough", Run::rps);
        List<Double> cleaning = timed(runs, "cleaning", Run::rps);
        double medianPassthrough = median(passthrough);
        double medianCleaning = median(cleaning);
        return new Result(docs.size(), medianPassthrough, medianCleaning, medianCleaning / medianPassthrough, stages,
                outcomes, scaling, passthrough, cleaning, median(timed(runs, "passthrough", Run::steadyRps)),
                median(timed(runs, "cleaning", Run::steadyRps)), options.threads(), runs,
                median(timed(runs, "structure", Run::rps)), structureOutcomes);
    }

    private static String label(int run) {
        return run == 0 ? "warm-up" : "run " + run;
    }

    private static List<Double> timed(List<Run> runs, String topology, java.util.function.ToDoubleFunction<Run> f) {
        return runs.stream().filter(r -> r.run() > 0 && r.topology().equals(topology)).mapToDouble(f).boxed()
                .toList();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The 1-minute load average (other engineers' builds share the cores), or -1 where the OS has none. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double[] runPassthrough(EmbeddedKafka kafka, Admin admin, String registry, int run,
                                         List<RawDocument> docs, Options options) {
        TopicCatalog in = catalog("bench" + run + "-pt-in.", registry);
        TopicCatalog out = catalog("bench" + run + "-pt-out.", registry);
        provision(admin, in);
        provision(admin, out);
        produceDocuments(kafka, in.rawDocuments(), docs);
        StreamsBuilder builder = new StreamsBuilder();
        Topic<String, RawDocument> source = in.rawDocuments();
        Topic<String, RawDocument> sink = out.rawDocuments();
        builder.stream(source.name(), Consumed.with(source.keySerde(), source.valueSerde()).withName("bench-source"))
                .to(sink.name(), Produced.with(sink.keySerde(), sink.valueSerde()).withName("bench-sink"));
        return timeTopology(kafka, builder.build(), in, "bench-passthrough-" + run, options,
                List.of(sink.name()), docs.size(), null);
    }

    private static double[] runCleaning(EmbeddedKafka kafka, Admin admin, String registry, int run,
                                      List<RawDocument> docs, List<EvalItem> evalItems, Options options,
                                      Map<String, Long> outcomes, String name,
                                      Function<TopicCatalog, Topology> topologyOf) {
        TopicCatalog catalog = catalog("bench" + run + "-" + name + ".", registry);
        provision(admin, catalog);
        produce(kafka, catalog.evalItems(), evalItems.stream().map(e -> Map.entry(e.getId(), e)).toList());
        produceDocuments(kafka, catalog.rawDocuments(), docs);
        Topology topology = topologyOf.apply(catalog);
        return timeTopology(kafka, topology, catalog, "bench-" + name + "-" + run, options,
                List.of(catalog.cleanDocuments().name(), catalog.cleanRejects().name(), catalog.dlq().name()),
                docs.size(), outcomes);
    }

    /**
     * Runs a topology until one output per input is visible to a read_committed reader.
     *
     * @return {records/s from start, records/s between 10% and 100% of the outputs (start-up excluded)}
     */
    private static double[] timeTopology(EmbeddedKafka kafka, Topology topology, TopicCatalog catalog, String appId,
                                       Options options, List<String> outputs, int expected,
                                       Map<String, Long> outcomes) {
        Path stateDir = tempDir("medstream-bench-state");
        Properties props = CleaningTopology.getStreamsConfig(kafka.bootstrapServers(), appId, stateDir, catalog);
        props.put("num.stream.threads", options.threads());
        try (KafkaConsumer<byte[], byte[]> counter = committedReader(kafka, outputs);
             KafkaStreams streams = new KafkaStreams(topology, props)) {
            long start = System.nanoTime();
            streams.start();
            long seen = 0;
            long tenPercentAt = -1;
            long tenPercent = Math.max(1, expected / 10);
            long seenAtTenPercent = 0;
            long deadline = start + TimeUnit.MINUTES.toNanos(20);
            long lastReport = start;
            while (seen < expected) {
                seen += counter.poll(Duration.ofMillis(100)).count();
                long now = System.nanoTime();
                if (tenPercentAt < 0 && seen >= tenPercent) {
                    tenPercentAt = now;
                    seenAtTenPercent = seen;
                }
                if (now > deadline) {
                    throw new IllegalStateException(appId + ": only " + seen + " of " + expected
                            + " outputs after 20 minutes; is the topology stuck? See the Streams log above.");
                }
                if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                    double secs = (now - start) / 1e9;
                    progress("%s: %d/%d outputs, %.0f records/s, ETA %.0f s", appId, seen, expected, seen / secs,
                            (expected - seen) / Math.max(1, seen / secs));
                    lastReport = now;
                }
            }
            long end = System.nanoTime();
            double rps = expected / ((end - start) / 1e9);
            double steady = end > tenPercentAt ? (seen - seenAtTenPercent) / ((end - tenPercentAt) / 1e9) : rps;
            if (outcomes != null) {
                outcomes.putAll(CleaningMetrics.countsByReason(streams.metrics()));
            }
            streams.close(Duration.ofSeconds(60));
            return new double[] {rps, steady};
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static KafkaConsumer<byte[], byte[]> committedReader(EmbeddedKafka kafka, List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static TopicCatalog catalog(String prefix, String registry) {
        return new TopicCatalog(prefix, TopicCatalog.DEFAULT_PARTITIONS, AvroSerdes.config(registry));
    }

    private static void provision(Admin admin, TopicCatalog catalog) {
        new TopicProvisioner(admin, (short) 1).provision(catalog.all());
    }

    private static void produceDocuments(EmbeddedKafka kafka, Topic<String, RawDocument> topic,
                                         List<RawDocument> docs) {
        produce(kafka, topic, docs.stream().map(d -> Map.entry(d.getId(), d)).toList());
    }

    /** Producer settings of the broker baseline in shared/BASELINES.md. */
    private static <V> void produce(EmbeddedKafka kafka, Topic<String, V> topic, List<Map.Entry<String, V>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(p, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            records.forEach(r -> producer.send(new ProducerRecord<>(topic.name(), r.getKey(), r.getValue())));
            producer.flush();
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            progress("could not delete %s: %s", dir, e);
        }
    }

    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench cleaning] " + format + "%n", args);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * Runs the benchmark and prints the JSON result. Arguments: {@code records=N repeats=R threads=T
     * dedup-scaling=true|false data=/path/to/shared/data}, and {@code <key>=value} for any key of
     * {@link CleaningConfig#SETTINGS} (e.g. {@code medstream.cleaning.dedup.scope=partition}); those keys are also read
     * from system properties and {@code MEDSTREAM_CLEANING_*} environment variables.
     */
    public static void main(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("Expected key=value (records, repeats, threads, dedup-scaling, data, "
                        + "medstream.cleaning.<key>), "
                        + "got '" + arg + "'");
            }
            a.put(kv[0], kv[1]);
        }
        Path data = Path.of(a.getOrDefault("data", System.getProperty("medstream.shared.data", "../shared/data")));
        Options d = Options.defaults(data);
        Settings settings = Settings.load(null);
        for (Setting<?> setting : CleaningConfig.SETTINGS) {
            settings.override(setting, a.get(setting.key()));
        }
        CleaningConfig config = CleaningConfig.from(settings);
        Options options = new Options(Integer.parseInt(a.getOrDefault("records", Integer.toString(d.records()))),
                Integer.parseInt(a.getOrDefault("repeats", "1")),
                Boolean.parseBoolean(a.getOrDefault("dedup-scaling", "false")), d.dedupSmall(), d.dedupLarge(),
                Integer.parseInt(a.getOrDefault("threads", Integer.toString(d.threads()))), data, config);
        System.out.println(run(options).toJson());
    }
}
