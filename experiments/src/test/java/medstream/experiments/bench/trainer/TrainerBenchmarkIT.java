package medstream.experiments.bench.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import medstream.contracts.CorpusText;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer benchmark on a real broker. Tiny preset by default (a smoke run); the figures in
 * docs/BENCHMARKS.md come from {@code -Dmedstream.bench.preset=small -Dmedstream.bench.records=100 -Dmedstream.bench.repeats=3}.
 */
class TrainerBenchmarkIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void givenTheSameRecords_whenTrainedFromMemoryAndFromKafka_thenBothPathsDoTheSameWorkAndTheRatioIsReported(
            @TempDir Path work) throws Exception {
        String preset = System.getProperty("medstream.bench.preset", "tiny");
        int n = Integer.getInteger("medstream.bench.records", 24);
        List<CorpusText> records = TrainerBenchmark.pubmedAbstracts(SharedData.dir(), n);
        TopicCatalog catalog = KAFKA.newCatalog();

        TrainerBenchmark.BenchResult r = TrainerBenchmark.run(new TrainerBenchmark.BenchParams(catalog,
                KAFKA.bootstrapServers(), work, preset, records, Integer.getInteger("medstream.bench.repeats", 1)));

        System.out.println("BENCH " + r + " " + r.toMap());
        assertThat(r.records()).isEqualTo(n);
        assertThat(r.tokens()).isPositive();
        assertThat(r.memoryTokensPerS()).isPositive();
        assertThat(r.kafkaTokensPerS()).isPositive();
        assertThat(r.ratio()).isEqualTo(r.kafkaTokensPerS() / r.memoryTokensPerS());
        assertThat(r.checkpointSeconds()).isPositive();
        // Each path spends most of its time in optimizer steps; the rest is formatting (and polling).
        assertThat(r.memoryTrainSeconds()).isLessThanOrEqualTo(r.memorySeconds());
        assertThat(r.kafkaTrainSeconds()).isLessThanOrEqualTo(r.kafkaSeconds());
        assertThat(r.stepShareRatio()).isPositive();
        assertThat(r.modelBytes()).isGreaterThan(r.parameters() * 4); // float32 parameters plus a header
        assertThat(r.toMap()).containsKeys("memory_tokens_per_s", "kafka_tokens_per_s", "ratio", "checkpoint_s", "step_share_ratio",
                "preset", "parameters");
    }
}
