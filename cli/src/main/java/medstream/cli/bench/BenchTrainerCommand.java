package medstream.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import medstream.experiments.ScratchDirs;
import medstream.contracts.CorpusText;
import medstream.experiments.bench.trainer.TrainerBenchmark;
import medstream.topics.TopicCatalog;
import medstream.topics.embedded.EmbeddedKafka;
import medstream.topics.serde.AvroSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code ./medstream bench trainer}: {@link TrainerBenchmark} against an embedded broker started for the run: the
 * same stage-1 round on the same PQA-L abstracts, fed from memory and from the topic through the trainer's consumer.
 */
@Command(name = "trainer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trainer throughput: one stage-1 training round on the same records fed from memory "
                + "(memory_tokens_per_s) and from a Kafka topic through the trainer's consumer (kafka_tokens_per_s); "
                + "ratio = kafka / memory. Checkpoint time is reported apart.",
                "Starts an embedded broker (and an in-memory schema registry) for the run."})
public final class BenchTrainerCommand implements Callable<Integer> {
    /** {@link TrainerBenchmark#pubmedAbstracts} reads at most this many. */
    static final int MAX_RECORDS = 1000;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchOptions common;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small", description = "Model preset: tiny, small, base, large (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--records", paramLabel = "N", defaultValue = "100",
            description = "PQA-L abstracts to train on, 1.." + MAX_RECORDS + " (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Measurements per path, alternating which goes first; medians are reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        validate();
        Path data = common.dataDir(spec.commandLine());
        Map<String, Object> result = BenchOutput.withStdoutOnStderr(() -> run(data));
        BenchOutput.print(result, common.json, System.out);
        return 0;
    }

    void validate() {
        CommandLine cli = spec.commandLine();
        if (!List.of("tiny", "small", "base", "large").contains(preset)) {
            throw new CommandLine.ParameterException(cli, "--preset '" + preset + "': expected tiny, small, base or large");
        }
        BenchOptions.atLeast(cli, "--records", records, 1);
        if (records > MAX_RECORDS) {
            throw new CommandLine.ParameterException(cli, "--records must be <= " + MAX_RECORDS + " (the PQA-L abstracts), got " + records);
        }
        BenchOptions.atLeast(cli, "--repeats", repeats, 1);
    }

    private Map<String, Object> run(Path data) {
        List<CorpusText> corpus = TrainerBenchmark.pubmedAbstracts(data, records);
        Path work = null;
        long t0 = System.nanoTime();
        System.err.println("[bench trainer] starting an embedded broker ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            work = Files.createTempDirectory("medstream-bench-trainer");
            TopicCatalog catalog = new TopicCatalog(TopicCatalog.DEFAULT_PREFIX, TopicCatalog.DEFAULT_PARTITIONS,
                    AvroSerdes.config("mock://bench-trainer-" + UUID.randomUUID()));
            System.err.printf(Locale.ROOT, "[bench trainer] %s preset, %d records, %d repeat(s) per path ...%n", preset,
                    corpus.size(), repeats);
            TrainerBenchmark.BenchResult r = TrainerBenchmark.run(new TrainerBenchmark.BenchParams(catalog,
                    kafka.bootstrapServers(), work, preset, corpus, repeats));
            Map<String, Object> out = new LinkedHashMap<>(r.toMap());
            out.put("repeats", repeats);
            out.put("wall_s", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("trainer benchmark failed on its scratch files: " + e.getMessage(), e);
        } finally {
            ScratchDirs.deleteQuietly(work);
        }
    }
}
