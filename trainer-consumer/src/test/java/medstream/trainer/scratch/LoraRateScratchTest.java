package medstream.trainer.scratch;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import medstream.contracts.CorpusText;
import medstream.contracts.McqTask;
import medstream.lm.model.CausalLm;
import medstream.lm.model.LoraConfig;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.TrainBatch;
import medstream.trainer.config.TruncationPolicy;
import medstream.trainer.format.Batches;
import medstream.trainer.format.CorpusFormatter;
import medstream.trainer.format.Example;
import medstream.trainer.format.McqFormatter;
import medstream.trainer.format.Packing;
import medstream.trainer.testing.SharedData;
import org.junit.jupiter.api.Test;

class LoraRateScratchTest {
    @Test
    void measure() throws Exception {
        Executors.newSingleThreadExecutor().submit(() -> { run(); return null; }).get();
    }

    static void run() throws Exception {
        String preset = System.getProperty("scratch.preset", "small");
        List<CorpusText> corpus = SharedData.corpus(300);
        BpeTokenizer tok = new BpeTrainer(4096).train(corpus.stream().map(CorpusText::getText));
        ModelConfig cfg = ModelConfig.preset(preset, tok.vocabSize());
        CorpusFormatter cf = new CorpusFormatter(tok, cfg.context(), TruncationPolicy.defaults());
        List<Example> rows = Packing.pack(corpus.stream().map(cf::format).toList(), cfg.context(), tok.padId());
        Path base = Files.createTempDirectory("lora-scratch").resolve("base.safetensors");
        try (CausalLm m = CausalLm.create(cfg, Device.cpu());
             LmTrainer t = new LmTrainer(m, OptimizerConfig.defaults(), LrSchedule.cosine(1e-3, 10, 120, 0.1))) {
            List<TrainBatch> b = Batches.of(rows, 8, tok.padId());
            for (int i = 0; i < Math.min(120, b.size()); i++) t.step(b.get(i));
            m.saveParameters(base);
        }
        McqFormatter mf = new McqFormatter(tok, cfg.context(), TruncationPolicy.defaults());
        List<Example> tasks = new ArrayList<>();
        for (McqTask task : SharedData.pubmedqaTasks(300, 200)) {
            try { tasks.add(mf.format(task)); } catch (RuntimeException e) { }
        }
        List<TrainBatch> batches = Batches.of(tasks, 8, tok.padId());
        for (double lr : new double[] {5e-5, 3e-4, 1e-3, 3e-3}) {
            try (CausalLm m = CausalLm.loadParameters(cfg, null, base, Device.cpu())) {
                m.enableLora(LoraConfig.of(8, 16, "q,k,v,o,mlp_in,mlp_out"));
                int steps = batches.size();
                try (LmTrainer t = new LmTrainer(m, new OptimizerConfig(0.9, 0.95, 1e-8, 0.01, 1.0, true),
                        LrSchedule.linear(lr, Math.round(steps * 0.06), steps, 0.0))) {
                    double first = t.evaluate(batches.get(0)) + t.evaluate(batches.get(1));
                    for (TrainBatch b : batches) t.step(b);
                    double after = t.evaluate(batches.get(0)) + t.evaluate(batches.get(1));
                    System.out.printf("SCRATCH preset %s lr %.0e steps %d: loss on first two batches %.4f -> %.4f (delta %.4f)%n",
                            preset, lr, steps, first / 2, after / 2, (first - after) / 2);
                }
            }
        }
    }
}
