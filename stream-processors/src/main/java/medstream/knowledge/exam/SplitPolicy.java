package medstream.knowledge.exam;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether an exam question of a given data set and published split may be trained on or is
 * held out for evaluation. Pure and total: every (source, split) gets an answer with a reason.
 *
 * <p>Defaults, following how the benchmarks are reported (MultiMedQA, AntGLM-Med):
 * <ul>
 *   <li>MedQA: {@code test} is the benchmark; {@code dev}/{@code val} are held out too, as model
 *       selection data.</li>
 *   <li>MedMCQA: the official test labels are hidden, so results are reported on {@code dev}; the
 *       shared data holds only a 2,816-question dev subset (MedAgentsBench), which is therefore an
 *       evaluation set. {@code dev}, {@code val}, {@code validation} and {@code test} are held out.</li>
 *   <li>MMLU: {@code test} is the benchmark; {@code dev} (the few-shot exemplars) and {@code val} are held
 *       out too. They come from the same question pool: measured on the shared data, 19 of their 153
 *       questions share a 13-gram with an MMLU test or MedQA test item (mostly USMLE vignette boilerplate
 *       such as "temperature 37.0°C (98.6°F), pulse 60/min, respirations", but a 13-gram check cannot
 *       tell boilerplate from a leaked question), so training on them would fail decontamination.
 *       Override with {@code mmlu-medical/val=TRAIN} to use them anyway.</li>
 *   <li>Any {@code train} split trains.</li>
 *   <li>An unknown source or split is held out: it is safer to lose a training example than to leak
 *       a test item.</li>
 * </ul>
 * Overrides per (source, split) come from configuration through {@link #with}.
 */
public final class SplitPolicy {
    /** Where a question may go. */
    public enum Route { TRAIN, EVAL }

    /** The decision and why, for logs and summaries. */
    public record Decision(Route route, String benchmark, String split, String reason) {
        /** True when the question must go only to the evaluation items. */
        public boolean isEval() {
            return route == Route.EVAL;
        }
    }

    private static final Set<String> TRAIN_SPLITS = Set.of("train", "training");

    private final Map<String, Route> overrides;

    private SplitPolicy(Map<String, Route> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** The default policy described above. */
    public static SplitPolicy defaults() {
        Map<String, Route> m = new HashMap<>();
        for (String s : new String[] {"test", "dev", "val", "validation"}) {
            m.put(key("medqa-usmle", s), Route.EVAL);
            m.put(key("medmcqa", s), Route.EVAL);
            m.put(key("mmlu-medical", s), Route.EVAL);
        }
        return new SplitPolicy(m);
    }

    /** A copy that routes (source, split) as given, e.g. to train on MedMCQA dev when a real test set exists. */
    public SplitPolicy with(String source, String split, Route route) {
        Map<String, Route> m = new HashMap<>(overrides);
        m.put(key(source, split), route);
        return new SplitPolicy(m);
    }

    /** The decision for one question's source and published split. */
    public Decision decide(String source, String split) {
        String s = split == null ? "" : split.strip().toLowerCase(Locale.ROOT);
        String benchmark = benchmark(source);
        Route configured = overrides.get(key(source, s));
        if (configured != null) {
            return new Decision(configured, benchmark, s, "configured for " + source + "/" + s);
        }
        if (TRAIN_SPLITS.contains(s)) {
            return new Decision(Route.TRAIN, benchmark, s, "training split");
        }
        return new Decision(Route.EVAL, benchmark, s, "unknown split '" + s + "' of " + source + " held out by default");
    }

    /** The benchmark name of a data set as {@code EvalItem.benchmark}: medqa-usmle is reported as medqa. */
    public static String benchmark(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("medqa") ? "medqa" : s;
    }

    private static String key(String source, String split) {
        return source.toLowerCase(Locale.ROOT) + "/" + split.toLowerCase(Locale.ROOT);
    }
}
