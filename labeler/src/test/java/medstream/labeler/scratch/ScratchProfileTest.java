package medstream.labeler.scratch;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.ScoringMode;
import medstream.labeler.offline.PubMedQaFile;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import org.junit.jupiter.api.Test;

class ScratchProfileTest {
    @Test
    void profile() throws Exception {
        Path data = Path.of(System.getProperty("medstream.shared.data")).resolve("pubmedqa-pqal");
        List<String> corpus = new ArrayList<>();
        List<PubMedQaFile.Item> items = PubMedQaFile.read(data.resolve("pqal_trainval.json"));
        for (PubMedQaFile.Item it : items) { corpus.addAll(it.request().getContexts()); corpus.add(it.request().getQuestion()); }
        long t = System.nanoTime();
        BpeTokenizer tok = new BpeTrainer(4096).train(corpus);
        System.out.printf("train tok %.1fs%n", (System.nanoTime() - t) / 1e9);
        List<LabelRequest> reqs = items.stream().limit(16).map(PubMedQaFile.Item::request).toList();
        String ctx = String.join("\n", reqs.get(0).getContexts());
        t = System.nanoTime();
        for (int i = 0; i < 100; i++) tok.tokenCount(ctx + i);
        System.out.printf("tokenCount %.2f ms/call (%d chars)%n", (System.nanoTime() - t) / 1e6 / 100, ctx.length());
        CausalLm lm = CausalLm.create(ModelConfig.small(tok.vocabSize()), Device.cpu());
        DjlLabelingModel m = new DjlLabelingModel(lm, tok, "p", "cpu");
        LabelingPipeline p = new LabelingPipeline(LabelerConfig.defaults().withStrategy("ppl"));
        p.label(reqs.subList(0, 2), m);
        t = System.nanoTime();
        p.label(reqs, m);
        System.out.printf("pipeline ppl 16: %.2fs%n", (System.nanoTime() - t) / 1e9);
        String prompt = "x ".repeat(1).concat(ctx.substring(0, 900));
        System.out.println("prompt tokens " + m.countTokens(prompt));
        List<PromptWithOptions> b = new ArrayList<>();
        for (int i = 0; i < 16; i++) b.add(new PromptWithOptions(prompt + i, List.of(" yes", " no", " maybe")));
        t = System.nanoTime();
        m.scoreOptions(b, ScoringMode.SHARED_PREFIX);
        System.out.printf("shared 16: %.2fs%n", (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        m.scoreOptions(b, ScoringMode.INDEPENDENT);
        System.out.printf("independent 16 (one call): %.2fs%n", (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        for (PromptWithOptions x : b) m.scoreOptions(List.of(x), ScoringMode.INDEPENDENT);
        System.out.printf("independent 16 (per prompt): %.2fs%n", (System.nanoTime() - t) / 1e9);
        m.close();
    }
}
