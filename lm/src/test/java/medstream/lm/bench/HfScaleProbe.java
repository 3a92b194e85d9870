package medstream.lm.bench;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import medstream.lm.GenerationConfig;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.SafetensorsWriter;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.model.HfCausalLm;
import medstream.lm.model.TokenLogProbs;

/**
 * A Qwen2.5-0.5B-shaped checkpoint (hidden 896, 24 layers, 14 heads over 2 KV heads, head_dim 64, MLP 4864,
 * vocab 151936, tied; random weights, so only costs mean anything) written as BF16 safetensors and loaded back:
 * file size, load time, one scoring pass and a cached greedy generation. Args: [layers] [dir].
 */
public final class HfScaleProbe {

    private HfScaleProbe() {}

    public static void main(String[] args) throws Exception {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("hf-scale");
        HfConfig config = new HfConfig("qwen2", 151936, 896, 4864, layers, 14, 2, 64, 1e-6, 1_000_000.0, null, true,
                32768, true, false, false);
        long t0 = System.nanoTime();
        SafetensorsWriter.writeModel(dir, TinyHfCheckpoints.randomTensors(config, 1), DType.BF16, 5L << 30);
        config.write(dir);
        long t1 = System.nanoTime();
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "wrote %.2f GB bf16 in %.1f s%n", bytes / 1e9, (t1 - t0) / 1e9);
        try (HfCausalLm lm = HfCausalLm.load(dir, HfConfig.read(dir), Device.cpu())) {
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "loaded %d parameters in %.1f s; heap used %.2f GB%n", lm.parameterCount(),
                    (t2 - t1) / 1e9, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e9);
            Random random = new Random(2);
            int[] ids = random.ints(128, 0, 151000).toArray();
            TokenLogProbs.of(lm, ids); // warm-up
            long t3 = System.nanoTime();
            TokenLogProbs.of(lm, ids);
            long t4 = System.nanoTime();
            System.out.printf(Locale.ROOT, "scoring 128 tokens: %.2f s (%.0f tok/s)%n", (t4 - t3) / 1e9,
                    128 / ((t4 - t3) / 1e9));
            List<int[]> out = lm.generator().generate(List.of(java.util.Arrays.copyOf(ids, 32)),
                    GenerationConfig.greedy(16, -1));
            long t5 = System.nanoTime();
            System.out.printf(Locale.ROOT, "greedy 16 tokens after 32 with the KV cache: %.2f s (%.1f tok/s), got %d%n",
                    (t5 - t4) / 1e9, 16 / ((t5 - t4) / 1e9), out.get(0).length);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
