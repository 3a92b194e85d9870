package medstream.experiments.bench.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.Requests;
import medstream.labeler.testing.TinyCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelerBenchmarkTest {

    @Test
    void givenTheSameRequests_whenBenchmarked_thenBothPathsLabelAllAndAgree() {
        List<LabelRequest> requests = List.of(Requests.withCue("a", "yes"), Requests.withCue("b", "no"),
                Requests.withCue("c", "maybe"), Requests.withCue("d", "yes"), Requests.withCue("e", "no"));
        LexicalCueTestModel model = new LexicalCueTestModel("s3-b", "cpu", 4096);

        BenchmarkResult r = LabelerBenchmark.run(model, LabelerConfig.of(Map.of("medstream.labeler.batch-size", "2")), requests);

        assertThat(r.requests()).isEqualTo(5);
        assertThat(r.sameLabels()).isEqualTo(5);
        assertThat(r.tokens()).isPositive();
        assertThat(r.strategy()).isEqualTo("voc");
        assertThat(r.toMap()).containsKeys("sequential_rps", "batched_rps", "ratio", "tokens_per_s", "device")
                .containsEntry("device", "cpu");
        assertThat(r.ratio()).isEqualTo(r.batchedRps() / r.sequentialRps());
        // A warm-up and a timed round of each path (5 single requests, 3 batches: 1 generate call each for voc), each
        // of the faster path's repeating its pass as often.
        assertThat(model.generateCalls()).isEqualTo(2 * (5 * r.sequential().passes() + 3 * r.batched().passes()));
        assertThat(r.sequential().seconds()).hasSize(1);
    }

    /** The entry point {@code bench labeler} calls, on a real (untrained, tiny) checkpoint directory. */
    @Test
    void givenACheckpointDirectory_whenTheBenchmarkRuns_thenBothPathsLabelEveryRequest(@TempDir Path root) throws Exception {
        Path checkpoint = TinyCheckpoints.write(root, "s3-cli", 3);
        // The labeler's test sample (four PubMedQA items), copied out of its test-jar: a resource in a jar has no Path.
        Path sample = root.resolve("pubmedqa-sample.json");
        try (InputStream in = LabelerBenchmarkTest.class.getClassLoader().getResourceAsStream("pubmedqa-sample.json")) {
            Files.copy(in, sample);
        }

        BenchmarkResult r = LabelerBenchmark.run(checkpoint, sample, 3, "ppl", 2, 0, 1, null);

        assertThat(r.requests()).isEqualTo(3);
        assertThat(r.labeled()).isEqualTo(3);
        assertThat(r.sequentialRps()).isPositive();
        assertThat(r.batchedRps()).isPositive();
        assertThat(r.toMap()).containsKeys("sequential_rps", "batched_rps", "ratio", "tokens_per_s", "device");
    }
}
