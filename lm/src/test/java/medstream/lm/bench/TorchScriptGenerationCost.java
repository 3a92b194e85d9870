package medstream.lm.bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import medstream.lm.GenerationConfig;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.model.TorchScriptLm;

/**
 * Greedy generation on the TorchScript test fixture (tiny GPT, context 48) through {@link TorchScriptLm} (no KV
 * cache, whole sequences rerun every step) and through {@link CausalLm} on the same weights with and without
 * its cache; prints milliseconds per round and whether all three produced the same tokens.
 *
 * <pre>
 * mvn -q -pl lm test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/lm-test.cp -Dmdep.includeScope=test
 * java -Dai.djl.offline=true -cp lm/target/test-classes:lm/target/classes:$(cat /tmp/lm-test.cp) \
 *   medstream.lm.bench.TorchScriptGenerationCost 4 8 40 5
 * </pre>
 * Arguments: prompts, prompt length, new tokens (prompt + new tokens at most 48), rounds.
 */
public final class TorchScriptGenerationCost {

    private TorchScriptGenerationCost() {
    }

    /** Runs the comparison on a fresh thread (PyTorch is slow on the JVM's main thread here). */
    public static void main(String[] args) throws Exception {
        int prompts = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int promptLength = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int newTokens = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            ex.submit(() -> {
                run(prompts, promptLength, newTokens, rounds);
                return null;
            }).get();
        } finally {
            ex.shutdownNow();
        }
    }

    private static void run(int n, int promptLength, int newTokens, int rounds) throws Exception {
        Path dir = Path.of(TorchScriptGenerationCost.class.getResource("/torchscript/tiny_gpt.json").toURI()).getParent();
        ModelConfig cfg = new ObjectMapper().readValue(dir.resolve("tiny_gpt.json").toFile(), ModelConfig.class);
        try (CausalLm ours = CausalLm.loadParameters(cfg, null, dir.resolve("tiny_gpt.safetensors"), Device.cpu());
                TorchScriptLm ts = TorchScriptLm.load(dir.resolve("tiny_gpt.pt"), cfg.vocabSize(), cfg.context(),
                        Device.cpu())) {
            Random random = new Random(1);
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                prompts.add(random.ints(promptLength, 0, cfg.vocabSize()).toArray());
            }
            GenerationConfig greedy = GenerationConfig.greedy(newTokens, -1);
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                List<int[]> a = ts.generator().generate(prompts, greedy);
                long t1 = System.nanoTime();
                List<int[]> b = ours.generator().generate(prompts, greedy);
                long t2 = System.nanoTime();
                List<int[]> c = ours.generator().generate(prompts, greedy.withCache(false));
                long t3 = System.nanoTime();
                boolean same = true;
                for (int i = 0; i < n; i++) {
                    same &= Arrays.equals(a.get(i), b.get(i)) && Arrays.equals(b.get(i), c.get(i));
                }
                System.out.printf(Locale.ROOT, "round %d: TorchScriptLm %.0f ms, CausalLm with cache %.0f ms, without %.0f ms,"
                        + " same tokens %s%n", round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, same);
            }
        }
    }
}
