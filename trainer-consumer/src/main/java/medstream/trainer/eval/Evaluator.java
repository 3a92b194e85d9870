package medstream.trainer.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import medstream.contracts.EvalItem;
import medstream.contracts.EvalResult;
import medstream.contracts.Option;
import medstream.lm.LanguageModel;
import medstream.lm.Score;
import medstream.lm.Scorer;
import medstream.lm.hf.ChatFormat;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.topics.Topic;
import medstream.topics.admin.TopicCounter;
import medstream.topics.TopicCatalog;
import medstream.topics.config.ClientOverrides;
import medstream.trainer.config.TrainingHyperparameters.EvalConfig;
import medstream.trainer.format.PromptFormats;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a model version by option ranking on perplexity, the paper's post-hoc method: the stage-3
 * prompt (question, context, options, answer cue) is run once, every option's continuation is scored, and
 * the option with the highest mean log-probability per token (lowest perplexity) is the prediction.
 *
 * <p>Items are scored {@link #PROMPTS_PER_CALL} at a time with {@link Scorer#scoreOptions(List, List)}: their prompts
 * in one padded forward pass and all their options from its key/value cache, instead of one call per item.
 *
 * <p>Benchmarks: PubMedQA's PQA-L dev fold ({@code benchmark=pubmedqa, split=dev}) and a slice of MedQA and
 * MedMCQA (the first {@code mcqSlice} items by id, so every version is scored on the same items). Items
 * come from the compacted {@code eval.items} topic, read to its end.
 */
public final class Evaluator {

    /** The PubMedQA benchmark name on eval items. */
    public static final String PUBMEDQA = "pubmedqa";
    /** The split of PubMedQA used: the PQA-L dev fold. */
    public static final String PUBMEDQA_SPLIT = "dev";
    /** The multiple-choice benchmarks sliced. */
    public static final List<String> MCQ_BENCHMARKS = List.of("medqa", "medmcqa");

    /**
     * Items per {@link Scorer#scoreOptions(List, List)} call. Measured on 2 CPU cores against one call per item (same
     * predictions): 1.3-2.2x less wall time with an untrained small model, 1.6-3.0x with a trained tiny one; 16 per
     * call was no better than 8 (more padding per prefix pass). Figures: docs/BENCHMARKS.md.
     */
    public static final int PROMPTS_PER_CALL = 8;

    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final EvalConfig config;
    private final Supplier<Map<String, List<EvalItem>>> reload;
    private volatile Map<String, List<EvalItem>> items;

    /**
     * @param config sizes
     * @param itemsByBenchmark the items to use per benchmark (already selected and ordered)
     */
    public Evaluator(EvalConfig config, Map<String, List<EvalItem>> itemsByBenchmark) {
        this(config, itemsByBenchmark, null);
    }

    private Evaluator(EvalConfig config, Map<String, List<EvalItem>> itemsByBenchmark,
                      Supplier<Map<String, List<EvalItem>>> reload) {
        this.config = config;
        this.items = itemsByBenchmark;
        this.reload = reload;
    }

    /**
     * An evaluator for a long-running trainer: reads {@code eval.items} now and, while it has found no items, again
     * before each evaluation, so a trainer started before the evaluation sets were registered (a deployment whose
     * services start before ingestion) evaluates its versions once they are. The selection, once found, stays fixed so
     * that every version is scored on the same items.
     */
    public static Evaluator fromTopicWhenAvailable(TopicCatalog catalog, String bootstrap, EvalConfig config) {
        return fromTopicWhenAvailable(catalog, bootstrap, Map.of(), config);
    }

    /** {@link #fromTopicWhenAvailable(TopicCatalog, String, EvalConfig)} with client settings (a secured cluster's). */
    public static Evaluator fromTopicWhenAvailable(TopicCatalog catalog, String bootstrap, Map<String, ?> clientOverrides,
                                                   EvalConfig config) {
        return reloading(config, () -> select(readAll(catalog.evalItems(), bootstrap, clientOverrides), config));
    }

    /** An evaluator whose items come from {@code read}, asked again before each evaluation while they are empty. */
    static Evaluator reloading(EvalConfig config, Supplier<Map<String, List<EvalItem>>> read) {
        return new Evaluator(config, read.get(), read);
    }

    /**
     * Reads {@code eval.items} to its end and selects the benchmark items.
     *
     * @param catalog topic catalog
     * @param bootstrap broker address
     * @param config sizes
     * @return the evaluator
     */
    public static Evaluator fromTopic(TopicCatalog catalog, String bootstrap, EvalConfig config) {
        return fromTopic(catalog, bootstrap, Map.of(), config);
    }

    /** {@link #fromTopic(TopicCatalog, String, EvalConfig)} with client settings (a secured cluster's). */
    public static Evaluator fromTopic(TopicCatalog catalog, String bootstrap, Map<String, ?> clientOverrides, EvalConfig config) {
        return new Evaluator(config, select(readAll(catalog.evalItems(), bootstrap, clientOverrides), config));
    }

    /** The items used per benchmark. */
    public Map<String, List<EvalItem>> items() {
        return items;
    }

    /**
     * Selects PubMedQA dev items (up to the limit) and the MedQA/MedMCQA slices, each sorted by id.
     *
     * @param all every live eval item
     * @param config sizes
     * @return items per benchmark, benchmarks without items left out
     */
    public static Map<String, List<EvalItem>> select(List<EvalItem> all, EvalConfig config) {
        Map<String, List<EvalItem>> out = new LinkedHashMap<>();
        List<EvalItem> usable = all.stream().filter(Evaluator::usable).sorted(Comparator.comparing(EvalItem::getId))
                .toList();
        List<EvalItem> pubmed = usable.stream().filter(i -> i.getBenchmark().equals(PUBMEDQA)
                && i.getSplit().equals(PUBMEDQA_SPLIT)).toList();
        if (!pubmed.isEmpty()) {
            out.put(PUBMEDQA, limit(pubmed, config.pubmedqaLimit()));
        }
        for (String b : MCQ_BENCHMARKS) {
            List<EvalItem> slice = usable.stream().filter(i -> i.getBenchmark().equals(b)).toList();
            if (!slice.isEmpty() && config.mcqSlice() > 0) {
                out.put(b, limit(slice, config.mcqSlice()));
            }
        }
        return out;
    }

    /** Scores a model without a chat template (the project's GPT) on every selected benchmark. */
    public List<EvalResult> evaluate(LanguageModel model, TextTokenizer tokenizer, String version, int stage) {
        return evaluate(model, new PromptEncoder(tokenizer, ChatFormat.PLAIN), version, stage);
    }

    /**
     * Scores a model on every selected benchmark.
     *
     * @param model the model
     * @param prompts its tokenizer and chat template shape: items are scored on the prompt stage 3 tunes it on
     * @param version the model version
     * @param stage the version's stage
     * @return one result per benchmark
     */
    public List<EvalResult> evaluate(LanguageModel model, PromptEncoder prompts, String version, int stage) {
        if (items.isEmpty() && reload != null) {
            items = reload.get();
            if (items.isEmpty()) LOG.info("eval {}: no evaluation items registered yet; not evaluated", version);
        }
        List<EvalResult> results = new ArrayList<>();
        Scorer scorer = model.scorer();
        for (Map.Entry<String, List<EvalItem>> e : items.entrySet()) {
            long t0 = System.nanoTime();
            EvalResult r = evaluate(scorer, prompts, model.contextLength(), e.getKey(), e.getValue(), version, stage,
                    PROMPTS_PER_CALL);
            LOG.info("eval {} on {}: accuracy {} over {} items in {} ms", version, e.getKey(),
                    String.format(Locale.ROOT, "%.3f", r.getAccuracy()), r.getN(), (System.nanoTime() - t0) / 1_000_000);
            results.add(r);
        }
        return results;
    }

    /**
     * Option ranking over one benchmark's items, {@link #PROMPTS_PER_CALL} items per scorer call.
     *
     * @param scorer the model's scorer
     * @param tokenizer tokenizer
     * @param context model context
     * @param benchmark benchmark name
     * @param benchmarkItems items
     * @param version model version
     * @param stage stage
     * @return accuracy and per-class counts ({@code pred:k}, {@code gold:k}, {@code correct:k})
     */
    public static EvalResult evaluate(Scorer scorer, TextTokenizer tokenizer, int context, String benchmark,
            List<EvalItem> benchmarkItems, String version, int stage) {
        return evaluate(scorer, tokenizer, context, benchmark, benchmarkItems, version, stage, PROMPTS_PER_CALL);
    }

    /**
     * Option ranking over one benchmark's items, a model without a chat template.
     *
     * @see #evaluate(Scorer, PromptEncoder, int, String, List, String, int, int)
     */
    public static EvalResult evaluate(Scorer scorer, TextTokenizer tokenizer, int context, String benchmark,
            List<EvalItem> benchmarkItems, String version, int stage, int promptsPerCall) {
        return evaluate(scorer, new PromptEncoder(tokenizer, ChatFormat.PLAIN), context, benchmark, benchmarkItems,
                version, stage, promptsPerCall);
    }

    /**
     * Option ranking over one benchmark's items.
     *
     * @param prompts the model's tokenizer and chat template shape
     * @param promptsPerCall items per scorer call: 1 calls {@link Scorer#scoreOptions(int[], List)} once per item
     *     (the reference path), more call {@link Scorer#scoreOptions(List, List)} with that many items
     * @see #evaluate(Scorer, TextTokenizer, int, String, List, String, int)
     */
    public static EvalResult evaluate(Scorer scorer, PromptEncoder prompts, int context, String benchmark,
            List<EvalItem> benchmarkItems, String version, int stage, int promptsPerCall) {
        if (promptsPerCall < 1) {
            throw new IllegalArgumentException("promptsPerCall must be >= 1, got " + promptsPerCall);
        }
        Map<String, Long> perClass = new TreeMap<>();
        int correct = 0;
        for (int start = 0; start < benchmarkItems.size(); start += promptsPerCall) {
            List<EvalItem> chunk = benchmarkItems.subList(start, Math.min(benchmarkItems.size(), start + promptsPerCall));
            List<int[]> promptIds = new ArrayList<>(chunk.size());
            List<List<int[]>> options = new ArrayList<>(chunk.size());
            for (EvalItem item : chunk) {
                List<int[]> itemOptions = encodeOptions(prompts, item, context);
                int longest = itemOptions.stream().mapToInt(o -> o.length).max().orElse(0);
                promptIds.add(PromptFormats.mcqPrompt(prompts, item.getQuestion(), item.getContext(), item.getOptions(),
                        context - longest));
                options.add(itemOptions);
            }
            List<List<Score>> scores = promptsPerCall == 1
                    ? List.of(scorer.scoreOptions(promptIds.get(0), options.get(0)))
                    : scorer.scoreOptions(promptIds, options);
            for (int i = 0; i < chunk.size(); i++) {
                EvalItem item = chunk.get(i);
                String predicted = item.getOptions().get(best(scores.get(i))).getKey().strip();
                String goldKey = PromptFormats.findOption(item.getOptions(), item.getAnswer()).getKey().strip();
                perClass.merge("pred:" + predicted, 1L, Long::sum);
                perClass.merge("gold:" + goldKey, 1L, Long::sum);
                if (predicted.equals(goldKey)) {
                    correct++;
                    perClass.merge("correct:" + goldKey, 1L, Long::sum);
                }
            }
        }
        int n = benchmarkItems.size();
        return EvalResult.newBuilder().setModelVersion(version).setStage(stage).setBenchmark(benchmark).setN(n)
                .setAccuracy(n == 0 ? 0.0 : (double) correct / n).setPerClass(new HashMap<>(perClass))
                .setCreatedAt(Instant.now()).build();
    }

    /** Each option's continuation, cut to half the context so a prompt always has room. */
    private static List<int[]> encodeOptions(PromptEncoder prompts, EvalItem item, int context) {
        List<int[]> options = new ArrayList<>();
        for (Option o : item.getOptions()) {
            int[] ids = prompts.continuation(PromptFormats.optionContinuation(o));
            options.add(ids.length > context / 2 ? java.util.Arrays.copyOf(ids, context / 2) : ids);
        }
        return options;
    }

    /** The option with the highest mean log-probability (lowest perplexity); the first on ties. */
    private static int best(List<Score> scores) {
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (scores.get(i).meanLogProb() > scores.get(best).meanLogProb()) {
                best = i;
            }
        }
        return best;
    }

    private static boolean usable(EvalItem i) {
        return i.getOptions().size() >= 2 && i.getQuestion() != null && !i.getQuestion().isBlank()
                && PromptFormats.findOption(i.getOptions(), i.getAnswer()) != null;
    }

    private static List<EvalItem> limit(List<EvalItem> items, int n) {
        return n <= 0 || items.size() <= n ? items : items.subList(0, n);
    }

    /** Reads a compacted topic from the beginning to its end offsets; the last value per key wins. */
    static List<EvalItem> readAll(Topic<String, EvalItem> topic, String bootstrap, Map<String, ?> clientOverrides) {
        Map<String, Object> config = ClientOverrides.forConsumer(clientOverrides);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (TopicCounter counter = new TopicCounter(config, READ_TIMEOUT)) {
            return new ArrayList<>(counter.latestValues(topic).values());
        }
    }
}
