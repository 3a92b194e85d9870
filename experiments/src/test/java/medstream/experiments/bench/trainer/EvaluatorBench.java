package medstream.experiments.bench.trainer;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import medstream.contracts.CorpusText;
import medstream.contracts.EvalItem;
import medstream.contracts.EvalResult;
import medstream.lm.LanguageModel;
import medstream.lm.ModelDirectory;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.eval.Evaluator;
import medstream.trainer.testing.SharedData;

/**
 * The evaluator one item per scorer call ({@link medstream.lm.Scorer#scoreOptions(int[], List)}) against several
 * items per call ({@link medstream.lm.Scorer#scoreOptions(List, List)}), same model, same items, rounds alternating
 * which path goes first; prints seconds per benchmark and checks both paths give the same predictions.
 *
 * <pre>
 * mvn -q -pl experiments -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/ex-test.cp -Dmdep.includeScope=test
 * java -Dai.djl.offline=true -Dmedstream.shared.data=../shared/data \
 *   -cp experiments/target/test-classes:experiments/target/classes:$(cat /tmp/ex-test.cp) \
 *   medstream.experiments.bench.trainer.EvaluatorBench small 100 50 50 3 8 [model directory]
 * </pre>
 * Arguments: preset (for a fresh model when no directory is given), PubMedQA items, MedQA items, MedMCQA items,
 * rounds, items per call of the batched path, optional model directory (checkpoint or brought model).
 */
public final class EvaluatorBench {

    private EvaluatorBench() {
    }

    /** Runs the comparison; see the class documentation for the arguments. */
    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "small";
        int pubmed = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int medqa = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int medmcqa = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int perCall = args.length > 5 ? Integer.parseInt(args[5]) : Evaluator.PROMPTS_PER_CALL;
        Path modelDir = args.length > 6 ? Path.of(args[6]) : null;
        // PyTorch is slow on the JVM's main thread here (trainer-consumer/README.md); run on a fresh one.
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            ex.submit(() -> {
                run(preset, pubmed, medqa, medmcqa, rounds, perCall, modelDir);
                return null;
            }).get();
        } finally {
            ex.shutdownNow();
        }
    }

    private static void run(String preset, int pubmed, int medqa, int medmcqa, int rounds, int perCall, Path modelDir)
            throws IOException {
        Map<String, List<EvalItem>> items = new LinkedHashMap<>();
        List<EvalItem> pm = new ArrayList<>();
        List<EvalItem> mq = new ArrayList<>();
        for (EvalItem i : SharedData.evalItems(0, Math.max(pubmed, medqa))) {
            (i.getBenchmark().equals("pubmedqa") ? pm : mq).add(i);
        }
        items.put("pubmedqa", pm.subList(0, Math.min(pubmed, pm.size())));
        items.put("medqa", mq.subList(0, Math.min(medqa, mq.size())));
        items.put("medmcqa", SharedData.medmcqa(medmcqa));

        LanguageModel model;
        TextTokenizer tokenizer;
        String name;
        if (modelDir != null) {
            ModelDirectory.Loaded loaded = ModelDirectory.open(modelDir, Device.cpu());
            model = loaded.model();
            tokenizer = loaded.tokenizer();
            name = loaded.version() + " (" + modelDir + ")";
        } else {
            int vocab = TrainingHyperparameters.forPreset(preset).vocabSize();
            tokenizer = new BpeTrainer(vocab).train(TrainerBenchmark.pubmedAbstracts(SharedData.dir(), 300).stream()
                    .map(CorpusText::getText));
            model = CausalLm.create(ModelConfig.preset(preset, tokenizer.vocabSize()), Device.cpu());
            name = "untrained " + preset + ", BPE " + tokenizer.vocabSize() + " on 300 PQA-L abstracts";
        }
        System.out.printf(Locale.ROOT, "model: %s, context %d; items per call (batched path): %d%n", name,
                model.contextLength(), perCall);
        try (model) {
            var scorer = model.scorer();
            // Warm-up (allocator, kernels) so neither path pays it.
            Evaluator.evaluate(scorer, tokenizer, model.contextLength(), "pubmedqa", items.get("pubmedqa").subList(0, 4),
                    "warmup", 0, perCall);
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            // Process CPU seconds (all threads, libtorch's included): steadier than wall time on a shared machine.
            Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (int order = 0; order < 2; order++) {
                    int calls = (round % 2 == 0) == (order == 0) ? 1 : perCall;
                    for (Map.Entry<String, List<EvalItem>> e : items.entrySet()) {
                        long t0 = System.nanoTime();
                        long cpu0 = processCpuNanos();
                        EvalResult r = Evaluator.evaluate(scorer, tokenizer, model.contextLength(), e.getKey(),
                                e.getValue(), "bench", 0, calls);
                        double s = (System.nanoTime() - t0) / 1e9;
                        seconds.computeIfAbsent(e.getKey() + " x" + calls, k -> new ArrayList<>()).add(s);
                        cpuSeconds.computeIfAbsent(e.getKey() + " x" + calls, k -> new ArrayList<>())
                                .add((processCpuNanos() - cpu0) / 1e9);
                        System.out.printf(Locale.ROOT, "round %d %-8s items/call %2d: n %3d accuracy %.4f %.2f s %s%n",
                                round, e.getKey(), calls, r.getN(), r.getAccuracy(), s, new java.util.TreeMap<>(r.getPerClass()));
                    }
                }
            }
            table("wall", seconds, items, perCall);
            table("process CPU", cpuSeconds, items, perCall);
        }
    }

    private static void table(String what, Map<String, List<Double>> seconds, Map<String, List<EvalItem>> items,
            int perCall) {
        System.out.println("| benchmark | items | " + what + " s, 1 item per call (each round) | " + what + " s, " + perCall
                + " items per call (each round) | speed-up (medians) |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, List<EvalItem>> e : items.entrySet()) {
            List<Double> one = seconds.get(e.getKey() + " x1");
            List<Double> many = seconds.get(e.getKey() + " x" + perCall);
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.2fx |%n", e.getKey(), e.getValue().size(),
                    format(one), format(many), median(one) / median(many));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String format(List<Double> values) {
        return String.join(" / ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    private static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
