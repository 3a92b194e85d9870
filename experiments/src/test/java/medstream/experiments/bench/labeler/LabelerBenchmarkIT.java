package medstream.experiments.bench.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.offline.PubMedQaFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeler benchmark on the lm {@code small} preset (untrained: speed does not depend on the weights, and an
 * untrained model never stops early, the worst case for generation) with a BPE tokenizer trained on the PQA-L
 * texts ({@link BenchModels}, the model {@code bench labeler} builds), over PQA-L test-half requests. Writes
 * {@code target/labeler-bench.json}. Takes minutes on 2 cores, so it runs only when asked:
 * {@code mvn -o -pl experiments -am verify -Dit.test=LabelerBenchmarkIT -Dmedstream.bench=true}
 * (sizes: {@code -Dmedstream.bench.requests=16 -Dmedstream.bench.voc-requests=8 -Dmedstream.bench.rounds=2}).
 */
@EnabledIfSystemProperty(named = "medstream.bench", matches = "true")
class LabelerBenchmarkIT {
    private static final int REQUESTS = Integer.getInteger("medstream.bench.requests", 16);
    private static final int VOC_REQUESTS = Integer.getInteger("medstream.bench.voc-requests", 8);
    private static final int ROUNDS = Integer.getInteger("medstream.bench.rounds", 2);
    private static final String PRESET = System.getProperty("medstream.bench.preset", "small");
    @TempDir
    Path dir;

    @Test
    void givenTheSmallPreset_whenBenchmarked_thenBatchingWithTheCacheBeatsOneAtATimeWithout() throws Exception {
        Path data = offlineData().resolve("pubmedqa-pqal");
        Path ckpt = BenchModels.labelerCheckpoint(data.resolve("pqal_trainval.json"), PRESET, dir);
        List<LabelRequest> requests = PubMedQaFile.read(data.resolve("pqal_test_unlabeled.json")).stream().limit(REQUESTS)
                .map(PubMedQaFile.Item::request).toList();

        Map<String, Object> all = new LinkedHashMap<>();
        Map<String, BenchmarkResult> results = new LinkedHashMap<>();
        try (DjlLabelingModel model = DjlLabelingModel.load(ckpt, "bench-" + PRESET, "cpu")) {
            // VoC without the cache recomputes every explanation step: fewer requests keep the run to minutes.
            for (String strategy : List.of("ppl", "voc")) {
                List<LabelRequest> mine = strategy.equals("voc") ? requests.subList(0, Math.min(VOC_REQUESTS, requests.size())) : requests;
                LabelerConfig cfg = LabelerConfig.of(Map.of("medstream.labeler.batch-size", "8")).withStrategy(strategy);
                BenchmarkResult r = LabelerBenchmark.run(model, cfg, mine, 1, ROUNDS, null);
                results.put(strategy, r);
                all.put(strategy, r.toMap());
                System.out.println("labeler bench " + PRESET + " " + strategy + ": " + r.toMap());
            }
        }
        Path out = Path.of("target", "labeler-bench.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), all);
        results.forEach((strategy, r) -> {
            assertThat(r.labeled()).as(strategy + " labeled").isEqualTo(r.requests());
            assertThat(r.ratio()).as(strategy + " ratio").isGreaterThan(1.0);
        });
    }

    private static Path offlineData() {
        String p = System.getProperty("medstream.shared.data");
        return p != null ? Path.of(p) : Path.of("../shared/data");
    }
}
