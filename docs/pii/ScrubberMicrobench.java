import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.text.Stripper;
import medstream.cleaning.text.Normaliser;
import medstream.contracts.RawDocument;
import medstream.experiments.bench.cleaning.BenchCorpus;

/** Old (a20fb9d) vs new PiiScrubber over the same bench documents, interleaved, thread CPU time per document. */
public class ScrubberMicrobench {
    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<RawDocument> docs = BenchCorpus.load(Path.of(args[2])).documents(count, 42L);
        Stripper stripper = new Stripper(CleaningConfig.defaults().strip());
        List<String> texts = new ArrayList<>();
        for (RawDocument d : docs) {
            texts.add(stripper.strip(Normaliser.normalise(d.getBody())).text());
        }
        long chars = texts.stream().mapToLong(String::length).sum();
        medstream.cleaning.piiold.PiiScrubber old = new medstream.cleaning.piiold.PiiScrubber();
        medstream.cleaning.pii.PiiScrubber now = new medstream.cleaning.pii.PiiScrubber();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] o = new double[rounds];
        double[] n = new double[rounds];
        long sink = 0;
        for (int warm = 0; warm < 2; warm++) {
            for (String t : texts) { sink += old.scrub(t).total() + now.scrub(t).total(); }
        }
        int oldTotal = 0, newTotal = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean oldFirst = (r % 2 == 0) == (k == 0);
                long start = cpu.getCurrentThreadCpuTime();
                int total = 0;
                for (String t : texts) { total += oldFirst ? old.scrub(t).total() : now.scrub(t).total(); }
                double us = (cpu.getCurrentThreadCpuTime() - start) / 1e3 / texts.size();
                if (oldFirst) { o[r] = us; oldTotal = total; } else { n[r] = us; newTotal = total; }
            }
            System.err.printf(Locale.ROOT, "round %d: old %.2f us/doc, new %.2f us/doc%n", r + 1, o[r], n[r]);
        }
        Arrays.sort(o);
        Arrays.sort(n);
        System.out.printf(Locale.ROOT, "{\"documents\":%d,\"mean_chars\":%.0f,\"rounds\":%d,\"old_us_per_doc_median\":%.2f,"
                + "\"new_us_per_doc_median\":%.2f,\"ratio\":%.2f,\"old_replacements\":%d,\"new_replacements\":%d,\"sink\":%d}%n",
                texts.size(), chars / (double) texts.size(), rounds, o[rounds / 2], n[rounds / 2], n[rounds / 2] / o[rounds / 2],
                oldTotal, newTotal, sink % 7);
    }
}
