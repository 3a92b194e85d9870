package medstream.labeler;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.labeler.core.BadInputPolicy;
import medstream.labeler.core.ContextOverflowPolicy;
import medstream.labeler.model.Backend;
import medstream.labeler.model.ModelLoader;
import medstream.labeler.model.openai.OpenAiConfig;
import medstream.labeler.model.openai.OpenAiModelLoader;
import medstream.labeler.strategy.JudgeMode;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;

/**
 * Every setting of the labeler with its default, in one place. Resolved by {@link Settings} from flags,
 * system properties, {@code MEDSTREAM_LABELER_*} environment variables, a properties file, then these
 * defaults; {@link #effective(Settings)} prints them at start-up.
 *
 * @param strategy              strategy name: voc, ppl, long-answer, ensemble or weak
 * @param threshold             ACCEPT needs a confidence at least this high
 * @param maxBatchSize          requests per model batch
 * @param maxWaitMs             a partial batch is dispatched once its oldest request waited this long
 * @param pollMs                consumer poll timeout while idle
 * @param contextOverflow       what to do with a context longer than the model's window
 * @param badInput              where requests that cannot be labeled go
 * @param stage                 the model-version stage to follow for hot reload
 * @param modelDir              model directory loaded at start ("" = wait for the first followed version)
 * @param modelVersion          version name of {@code modelDir} ("" = read it from the checkpoint)
 * @param devices               auto, or a comma list of devices (one worker each), e.g. cpu or gpu0,gpu1
 * @param groupId               consumer group of the request consumers
 * @param instanceId            stable name of this process in transactional ids ("" = host name)
 * @param promptVersion         version of the prompt templates, e.g. v1
 * @param explanationTokens     most tokens of one VoC explanation
 * @param explanationChars      explanations are truncated to this many characters in results
 * @param judgeMode             how VoC judges an explanation: prompt (yes/no question) or likelihood
 * @param judgeWeight           weight of the judgement in VoC's final score
 * @param ensembleMembers       strategies combined by the ensemble
 * @param selfConsistencySamples k sampled answers added to the ensemble (0: none)
 * @param temperature           sampling temperature of self-consistency
 * @param seed                  base seed of sampling
 * @param backend               where the model runs: djl (in process, from model-dir / model.versions) or openai (a server)
 * @param openai                the server settings of the openai backend
 * @param weak                  the weak-supervision strategy's settings
 */
public record LabelerConfig(
        String strategy, double threshold, int maxBatchSize, long maxWaitMs, long pollMs,
        ContextOverflowPolicy contextOverflow, BadInputPolicy badInput, int stage, String modelDir, String modelVersion,
        String devices, String groupId, String instanceId, String promptVersion, int explanationTokens,
        int explanationChars, JudgeMode judgeMode, double judgeWeight, List<String> ensembleMembers,
        int selfConsistencySamples, double temperature, long seed, Backend backend, OpenAiConfig openai,
        Weak weak) {
    /**
     * Settings of strategy {@code weak} (labeling functions + label model).
     *
     * @param goldFile    PubMedQA JSON with final_decision the label model is trained on ("" = none: weak refuses to start)
     * @param foldsFile   the PQA-L folds file; when set, fold {@code heldOutFold}'s held-out items stay out of training
     * @param heldOutFold the fold whose held-out items (the service's calibration items, pubmedqa/dev) are not trained on
     * @param labelModel  discriminative (logistic regression on gold) or generative (Dawid-Skene, no gold)
     * @param modelVoters model strategies (ppl, long-answer, voc) that vote beside the rules; their weight is fitted
     *                    per model version on the gold items
     */
    public record Weak(String goldFile, String foldsFile, int heldOutFold, String labelModel, List<String> modelVoters) {
        /** Copies. */
        public Weak {
            modelVoters = List.copyOf(modelVoters);
        }

        /** Rules only. */
        public Weak(String goldFile, String foldsFile, int heldOutFold, String labelModel) {
            this(goldFile, foldsFile, heldOutFold, labelModel, List.of());
        }
    }

    private static final String P = "medstream.labeler.";
    public static final Setting<String> STRATEGY = Setting.string(P + "strategy", "voc",
            "Labeling strategy: voc, ppl, long-answer, ensemble or weak (./medstream local and serve default to weak)");
    public static final Setting<Double> THRESHOLD = Setting.decimal(P + "threshold", 0.6,
            "Confidence needed for ACCEPT (with agreeing strategies); below it REVIEW");
    public static final Setting<Integer> MAX_BATCH = Setting.integer(P + "batch-size", 8, "Requests per model batch");
    public static final Setting<Long> MAX_WAIT_MS = Setting.longValue(P + "max-wait-ms", 200,
            "Longest wait for a batch to fill before a partial batch is run");
    public static final Setting<Long> POLL_MS = Setting.longValue(P + "poll-ms", 100, "Consumer poll timeout when idle");
    public static final Setting<String> CONTEXT_OVERFLOW = Setting.string(P + "context-overflow", "truncate-middle",
            "Context over the model window: truncate-middle, truncate-end (flag CONTEXT_TRUNCATED), review, or dlq");
    public static final Setting<String> BAD_INPUT = Setting.string(P + "bad-input", "dlq",
            "Requests without question/context or with an unknown option set: dlq or review");
    public static final Setting<Integer> STAGE = Setting.integer(P + "stage", 3, "Model-version stage followed for hot reload");
    public static final Setting<String> MODEL_DIR = Setting.string(P + "model-dir", "",
            "Model directory loaded at start; empty waits for the first version of the followed stage");
    public static final Setting<String> MODEL_VERSION = Setting.string(P + "model-version", "",
            "Version name of model-dir; empty reads it from the checkpoint");
    public static final Setting<String> DEVICES = Setting.string(P + "devices", "auto",
            "auto (one worker per GPU DJL sees, else one CPU worker) or a comma list, e.g. cpu or gpu0,gpu1");
    public static final Setting<String> GROUP_ID = Setting.string(P + "group-id", "medstream-labeler", "Consumer group");
    public static final Setting<String> INSTANCE_ID = Setting.string(P + "instance-id", "",
            "Stable process name in transactional ids medstream-labeler-<instance>-<worker>; empty = host name");
    public static final Setting<String> PROMPT_VERSION = Setting.string(P + "prompt-version", "v2",
            "Version of the prompt templates in prompts/<name>.<version>.txt");
    public static final Setting<Integer> EXPLANATION_TOKENS = Setting.integer(P + "voc.explanation-tokens", 48,
            "Most tokens generated per VoC explanation");
    public static final Setting<Integer> EXPLANATION_CHARS = Setting.integer(P + "explanation-chars", 240,
            "Explanations are truncated to this many characters in results");
    public static final Setting<String> JUDGE_MODE = Setting.string(P + "voc.judge", "prompt",
            "VoC judgement: prompt (score 'supported? yes/no') or likelihood (mean log-likelihood of the explanation given the context)");
    public static final Setting<Double> JUDGE_WEIGHT = Setting.decimal(P + "voc.judge-weight", 1.0,
            "Weight of the log judgement in VoC's final option score");
    public static final Setting<String> ENSEMBLE_MEMBERS = Setting.string(P + "ensemble.members", "voc,ppl,long-answer",
            "Strategies combined by the ensemble");
    public static final Setting<Integer> SC_SAMPLES = Setting.integer(P + "ensemble.samples", 5,
            "k sampled answers (self-consistency) added to the ensemble; 0 for none");
    public static final Setting<Double> TEMPERATURE = Setting.decimal(P + "ensemble.temperature", 0.8,
            "Sampling temperature of the self-consistency answers");
    public static final Setting<Long> SEED = Setting.longValue(P + "seed", 17, "Base seed of sampling");
    public static final Setting<String> BACKEND = Setting.string(P + "backend", "djl",
            "djl: the project's model in process (model-dir, hot reload from model.versions); openai: an OpenAI-compatible "
                    + "completions server (medstream.labeler.openai.*)");
    public static final Setting<String> WEAK_GOLD_FILE = Setting.string(P + "weak.gold-file", "",
            "Strategy weak: PubMedQA JSON with final_decision to train the label model on, e.g. pqal_trainval.json");
    public static final Setting<String> WEAK_FOLDS_FILE = Setting.string(P + "weak.folds-file", "",
            "Strategy weak: pqal_cv_folds.json; with it, the held-out items of weak.held-out-fold are not trained on");
    public static final Setting<Integer> WEAK_HELD_OUT_FOLD = Setting.integer(P + "weak.held-out-fold", 0,
            "Strategy weak: the fold whose held-out items (pubmedqa/dev, the calibration items) stay out of training");
    public static final Setting<String> WEAK_LABEL_MODEL = Setting.string(P + "weak.label-model", "discriminative",
            "Strategy weak: discriminative (logistic regression on gold, better on PQA-L CV) or generative (Dawid-Skene)");
    public static final Setting<String> WEAK_MODEL_VOTERS = Setting.string(P + "weak.model-voters", "",
            "Strategy weak: model strategies that vote beside the rules (comma-separated: ppl, long-answer, voc; empty = "
                    + "rules only); the label model is refitted per model version on their votes over the gold items");

    /** All settings, for printing the effective configuration. */
    public static final List<Setting<?>> ALL = List.of(STRATEGY, THRESHOLD, MAX_BATCH, MAX_WAIT_MS, POLL_MS, CONTEXT_OVERFLOW,
            BAD_INPUT, STAGE, MODEL_DIR, MODEL_VERSION, DEVICES, GROUP_ID, INSTANCE_ID, PROMPT_VERSION, EXPLANATION_TOKENS,
            EXPLANATION_CHARS, JUDGE_MODE, JUDGE_WEIGHT, ENSEMBLE_MEMBERS, SC_SAMPLES, TEMPERATURE, SEED, BACKEND,
            WEAK_GOLD_FILE, WEAK_FOLDS_FILE, WEAK_HELD_OUT_FOLD, WEAK_LABEL_MODEL, WEAK_MODEL_VOTERS);

    /** Validates. */
    public LabelerConfig {
        if (!(threshold >= 0.0 && threshold <= 1.0)) throw new IllegalArgumentException(THRESHOLD.key() + " must be in [0,1], got " + threshold);
        if (maxBatchSize < 1) throw new IllegalArgumentException(MAX_BATCH.key() + " must be >= 1, got " + maxBatchSize);
        if (maxWaitMs < 0 || pollMs < 1) throw new IllegalArgumentException(MAX_WAIT_MS.key() + " must be >= 0 and " + POLL_MS.key() + " >= 1");
        if (explanationTokens < 1 || explanationChars < 1) throw new IllegalArgumentException("explanation limits must be positive");
        if (selfConsistencySamples < 0) throw new IllegalArgumentException(SC_SAMPLES.key() + " must be >= 0");
        ensembleMembers = List.copyOf(ensembleMembers);
    }

    /** Resolves every setting. */
    public static LabelerConfig from(Settings s) {
        return new LabelerConfig(
                s.get(STRATEGY).trim().toLowerCase(Locale.ROOT), s.get(THRESHOLD), s.get(MAX_BATCH), s.get(MAX_WAIT_MS),
                s.get(POLL_MS), ContextOverflowPolicy.parse(s.get(CONTEXT_OVERFLOW)), BadInputPolicy.parse(s.get(BAD_INPUT)),
                s.get(STAGE), s.get(MODEL_DIR), s.get(MODEL_VERSION), s.get(DEVICES), s.get(GROUP_ID), s.get(INSTANCE_ID),
                s.get(PROMPT_VERSION), s.get(EXPLANATION_TOKENS), s.get(EXPLANATION_CHARS), JudgeMode.parse(s.get(JUDGE_MODE)),
                s.get(JUDGE_WEIGHT), splitList(s.get(ENSEMBLE_MEMBERS)), s.get(SC_SAMPLES), s.get(TEMPERATURE), s.get(SEED),
                Backend.parse(s.get(BACKEND)), OpenAiConfig.from(s),
                new Weak(s.get(WEAK_GOLD_FILE).trim(), s.get(WEAK_FOLDS_FILE).trim(), s.get(WEAK_HELD_OUT_FOLD),
                        s.get(WEAK_LABEL_MODEL).trim(), splitList(s.get(WEAK_MODEL_VOTERS))));
    }

    /** The defaults (no file, no environment). */
    public static LabelerConfig defaults() {
        return from(Settings.of(Map.of()));
    }

    /** Defaults with the given keys replaced (tests and commands). */
    public static LabelerConfig of(Map<String, String> values) {
        return from(Settings.of(values));
    }

    /** The effective values, for the start-up log; with backend openai its settings too (the API key masked). */
    public static Map<String, String> effective(Settings s) {
        Map<String, String> m = new LinkedHashMap<>(s.effective(ALL));
        if (Backend.parse(s.get(BACKEND)) == Backend.OPENAI) m.putAll(OpenAiConfig.effective(s, System::getenv));
        return m;
    }

    /** The loader of the configured backend: {@code djl} loads checkpoints with {@code djl}, {@code openai} connects. */
    public ModelLoader loader(ModelLoader djl) {
        return backend == Backend.OPENAI ? new OpenAiModelLoader(openai) : djl;
    }

    /** This configuration with another strategy (the offline command's --strategy). */
    public LabelerConfig withStrategy(String name) {
        return new LabelerConfig(name.trim().toLowerCase(Locale.ROOT), threshold, maxBatchSize, maxWaitMs, pollMs, contextOverflow,
                badInput, stage, modelDir, modelVersion, devices, groupId, instanceId, promptVersion, explanationTokens,
                explanationChars, judgeMode, judgeWeight, ensembleMembers, selfConsistencySamples, temperature, seed, backend, openai, weak);
    }

    private static List<String> splitList(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .map(x -> x.toLowerCase(Locale.ROOT)).toList();
    }
}
