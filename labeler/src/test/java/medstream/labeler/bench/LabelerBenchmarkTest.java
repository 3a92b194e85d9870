package medstream.labeler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.Requests;
import org.junit.jupiter.api.Test;

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
}
