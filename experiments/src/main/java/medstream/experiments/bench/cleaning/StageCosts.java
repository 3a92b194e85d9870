package medstream.experiments.bench.cleaning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import medstream.cleaning.CleaningConfig;
import medstream.cleaning.CleaningPipeline;
import medstream.cleaning.dedup.Hashing;
import medstream.cleaning.dedup.MinHasher;
import medstream.cleaning.decon.ContaminationIndex;
import medstream.cleaning.lang.LanguageIdentifier;
import medstream.cleaning.pii.PiiScrubber;
import medstream.cleaning.quality.QualityFilters;
import medstream.cleaning.text.Normaliser;
import medstream.cleaning.text.Stripper;
import medstream.contracts.EvalItem;
import medstream.contracts.RawDocument;

/**
 * CPU microseconds per document of each pure cleaning step, single-threaded in this JVM, each step timed on the output
 * of the step before it over the same documents (after a warm-up round of every step).
 */
final class StageCosts {

    private static final int MAX_DOCS = 5_000;
    /** Thread CPU time, not wall time: the machine is shared, and a step's cost is the CPU it takes. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private StageCosts() {
    }

    static Map<String, Double> measure(List<RawDocument> all, List<EvalItem> evalItems, CleaningConfig config) {
        List<String> bodies = all.stream().limit(MAX_DOCS).map(RawDocument::getBody).toList();
        CleaningPipeline pipeline = new CleaningPipeline(config);
        ContaminationIndex index = new ContaminationIndex(config.decontamination());
        evalItems.forEach(e -> index.add(e.getId(), e.getQuestion() + "\n" + e.getContext(), e.getLanguage()));
        // The first round warms up the JIT for every step; the second is measured.
        once(bodies, pipeline, index, config);
        return once(bodies, pipeline, index, config);
    }

    private static Map<String, Double> once(List<String> bodies, CleaningPipeline pipeline, ContaminationIndex index,
                                            CleaningConfig config) {
        Stripper stripper = new Stripper(config.strip());
        LanguageIdentifier languages = new LanguageIdentifier(config.language());
        QualityFilters quality = new QualityFilters(config.quality());
        PiiScrubber scrubber = new PiiScrubber();
        MinHasher hasher = new MinHasher(config.dedup());

        Map<String, Double> costs = new LinkedHashMap<>();
        time(costs, "input_checks", bodies, pipeline::checkInput);
        List<String> normalised = time(costs, "normalise", bodies, Normaliser::normalise);
        List<String> stripped = time(costs, "strip", normalised, t -> stripper.strip(t).text());
        List<String> langs = time(costs, "language", stripped, t -> languages.identify(t).language());
        List<String[]> textAndLang = new ArrayList<>();
        for (int i = 0; i < stripped.size(); i++) {
            textAndLang.add(new String[] {stripped.get(i), langs.get(i)});
        }
        time(costs, "quality", textAndLang, tl -> quality.evaluate(tl[0], tl[1]));
        List<String> scrubbed = time(costs, "pii", stripped, t -> scrubber.scrub(t).text());
        time(costs, "content_hash", scrubbed, Hashing::contentHash);
        time(costs, "decontamination", textAndLang, tl -> index.findOverlap(tl[0], tl[1]));
        time(costs, "minhash_signature", textAndLang, tl -> hasher.signature(tl[0], "zh".equals(tl[1])));
        time(costs, "pipeline_total", bodies, b -> pipeline.clean(b, null));
        return costs;
    }

    private static <I, O> List<O> time(Map<String, Double> costs, String stage, List<I> inputs, Function<I, O> step) {
        List<O> outputs = new ArrayList<>(inputs.size());
        long start = CPU.getCurrentThreadCpuTime();
        for (I input : inputs) {
            outputs.add(step.apply(input));
        }
        costs.put(stage, (CPU.getCurrentThreadCpuTime() - start) / 1e3 / inputs.size());
        return outputs;
    }
}
