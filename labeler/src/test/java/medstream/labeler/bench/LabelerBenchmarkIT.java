package medstream.labeler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.offline.PubMedQaFile;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeler benchmark on the lm {@code small} preset (untrained: speed does not depend on the weights, and an
 * untrained model never stops early, the worst case for generation) with a BPE tokenizer trained on the PQA-L
 * texts, over PQA-L test-half requests. Writes {@code target/labeler-bench.json}. Takes minutes on 2 cores, so it
 * runs only when asked: {@code mvn -o -pl labeler verify -Dit.test=LabelerBenchmarkIT -Dmedstream.bench=true}
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
        List<String> corpus = new ArrayList<>();
        for (PubMedQaFile.Item it : PubMedQaFile.read(data.resolve("pqal_trainval.json"))) {
            corpus.add(it.request().getQuestion());
            corpus.addAll(it.request().getContexts());
            corpus.add(it.request().getLongAnswer());
        }
        BpeTokenizer tok = new BpeTrainer(4096).train(corpus);
        Path tokFile = dir.resolve("tokenizer.json");
        tok.save(tokFile);
        Path ckpt = dir.resolve("s3-bench");
        try (CausalLm m = CausalLm.create(ModelConfig.preset(PRESET, tok.vocabSize()), Device.cpu())) {
            Checkpoint.writer(m).tokenizerFiles(List.of(tokFile)).writeTo(ckpt);
        }
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
