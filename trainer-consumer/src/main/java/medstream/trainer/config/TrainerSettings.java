package medstream.trainer.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.lm.model.LoraConfig;
import medstream.lm.train.OptimizerConfig;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;
import medstream.trainer.Budget;

/**
 * Every setting of the trainer, for {@code ./medstream local} and the trainer service alike: the preset (one key for
 * both), a Hugging Face base to continue from, the device, full fine-tuning or LoRA per stage with the adapters'
 * rank, alpha and targets, each stage's optimizer and schedule figures, local budgets, the service's round triggers and
 * evaluation. A numeric key left at its "preset's" value keeps what {@link TrainingHyperparameters#forPreset} (or the
 * local run's sizing) chose; see there for where those defaults come from.
 */
public final class TrainerSettings {

    private static final String P = "medstream.trainer.";

    /** Where the trainer keeps its checkpoints (one directory per stage below it); a volume in a deployment. */
    public static final Setting<String> CHECKPOINT_DIR = Setting.string(P + "checkpoint-dir", "checkpoints",
            "Checkpoint root of the trainer service (stage<N>/ below it); ./medstream up uses <out>/checkpoints");
    /** The stages one trainer process trains. */
    public static final Setting<String> STAGES = Setting.string(P + "stages", "1,2,3",
            "Stages the trainer service trains, one consumer group and thread each");
    /** Model preset, of the local run and of the service. */
    public static final Setting<String> PRESET = Setting.string(P + "preset", "",
            "Model preset: tiny, small, base, large (default: small; tiny for a ./medstream local --limit run)");
    /** A Hugging Face directory stage 1 continues from. */
    public static final Setting<String> BASE = Setting.string(P + "base", "",
            "Hugging Face Qwen2 / Llama directory stage 1 continues from (weights, tokenizer, chat template); empty:"
                    + " train medstream's GPT of the preset from scratch (./medstream local --base)");
    /** Where the model trains. */
    public static final Setting<String> DEVICE = Setting.string(P + "device", "auto",
            "Device the trainer runs on: auto (first GPU PyTorch sees, else CPU), cpu, gpu0, gpu1, ...");
    /** Initialisation and data-order seed. */
    public static final Setting<Long> SEED = Setting.longValue(P + "seed", 1337, "Model initialisation and data-order seed");
    /** Tokenizer size of a GPT trained from scratch. */
    public static final Setting<Integer> VOCAB_SIZE = Setting.integer(P + "vocab-size", 0,
            "Vocabulary of the tokenizer stage 1 trains (0: the preset's, 512 tiny / 4096 small); unused with a base");
    /** LoRA rank. */
    public static final Setting<Integer> LORA_RANK = Setting.integer(P + "lora-rank", 8,
            "Rank r of the LoRA adapters of every stage that trains LoRA (AntGLM-Med: 8)");
    /** LoRA alpha. */
    public static final Setting<Double> LORA_ALPHA = Setting.decimal(P + "lora-alpha", 16,
            "LoRA alpha; the update is scaled by alpha / r");
    /** LoRA targets. */
    public static final Setting<String> LORA_TARGETS = Setting.string(P + "lora-targets", "",
            "Projections that get adapters, of q,k,v,o,mlp_in,mlp_out (empty: q,k,v,o with a base, all for the GPT)");
    /** Formatted tokens that start a service round (0: the preset's). */
    public static final Setting<Long> ROUND_TOKENS = Setting.longValue(P + "round-tokens", 0,
            "Formatted tokens buffered per stage that start a training round of the service (0: the preset's, 4,000"
                    + " tiny / 100,000 small)");
    /** Records that start a service round. */
    public static final Setting<Integer> ROUND_RECORDS = Setting.integer(P + "round-records", 100_000,
            "Records buffered per stage that start a training round of the service");
    /** Age of the oldest buffered record that starts a service round (0 disables). */
    public static final Setting<Long> ROUND_MAX_AGE_S = Setting.longValue(P + "round-max-age-s", 1_800,
            "Seconds the oldest buffered record waits before a service round trains whatever is buffered (0: never)");
    /** Evaluation after every version. */
    public static final Setting<Boolean> EVAL = Setting.bool(P + "eval", true,
            "Evaluate every version on the eval items (PubMedQA dev fold, MedQA, MedMCQA)");
    /** PubMedQA items per evaluation. */
    public static final Setting<Integer> EVAL_PUBMEDQA = Setting.integer(P + "eval-pubmedqa", -1,
            "PubMedQA dev items per evaluation (0: all; -1: the run's, 100 local / 200 service)");
    /** MCQ items per benchmark per evaluation. */
    public static final Setting<Integer> EVAL_MCQ = Setting.integer(P + "eval-mcq", -1,
            "MedQA and MedMCQA items per evaluation (-1: the run's, 50 local / 100 service)");

    /** Per stage: full fine-tuning or LoRA. */
    public static final List<Setting<String>> MODE = perStage("mode", s -> Setting.string(s.key, "",
            "Stage " + s.n + ": full or lora (empty: the preset's, " + (s.n == 3 ? "lora" : "full") + ")"));
    /** Per stage: the peak learning rate. */
    public static final List<Setting<Double>> PEAK_LR = perStage("peak-lr", s -> Setting.decimal(s.key, 0,
            "Stage " + s.n + ": peak learning rate (0: the preset's, " + new double[] {1e-3, 3e-4,
                    TrainingHyperparameters.STAGE3_SCALED_LR}[s.n - 1] + ")"));
    /** Per stage: rows per optimizer step. */
    public static final List<Setting<Integer>> BATCH_SIZE = perStage("batch-size", s -> Setting.integer(s.key, 0,
            "Stage " + s.n + ": rows per optimizer step (0: the preset's, 4 tiny / 8 small / 16 base)"));
    /** Per stage: the tokens the schedule is laid out over. */
    public static final List<Setting<Long>> PLANNED_TOKENS = perStage("planned-tokens", s -> Setting.longValue(s.key, 0,
            "Stage " + s.n + ": tokens the learning-rate schedule spans (0: the preset's, or the local budget's)"));
    /** Per stage: the warm-up share. */
    public static final List<Setting<Double>> WARMUP = perStage("warmup-fraction", s -> Setting.decimal(s.key, -1,
            "Stage " + s.n + ": share of the planned steps that warm up (-1: the preset's, " + (s.n == 3 ? "0.06" : "0.02")
                    + ")"));
    /** Per stage: AdamW's weight decay. */
    public static final List<Setting<Double>> WEIGHT_DECAY = perStage("weight-decay", s -> Setting.decimal(s.key, -1,
            "Stage " + s.n + ": AdamW weight decay (-1: the preset's, " + (s.n == 3 ? "0.01" : "0.1") + ")"));
    /** Per stage: the replayed share of a round. */
    public static final List<Setting<Double>> REPLAY = perStage("replay-fraction", s -> Setting.decimal(s.key, -1,
            "Stage " + s.n + ": replayed rows per new row of a round (-1: the preset's, " + (s.n == 1 ? "0.1" : "0.25")
                    + ")"));
    /** Per stage: the token budget of a local run. */
    public static final List<Setting<Long>> BUDGET_TOKENS = perStage("budget-tokens", s -> Setting.longValue(s.key, 0,
            "Stage " + s.n + ": new tokens ./medstream local trains at most (0: the preset's local budget)"));
    /** Per stage: the time budget of a local run. */
    public static final List<Setting<Long>> BUDGET_SECONDS = perStage("budget-seconds", s -> Setting.longValue(s.key, 0,
            "Stage " + s.n + ": seconds ./medstream local trains at most (0: the preset's local budget)"));

    /** Every trainer setting, in the order they are printed and documented. */
    public static final List<Setting<?>> ALL = all();

    private TrainerSettings() {}

    /** The stages to train, e.g. {@code [1, 2, 3]}. */
    public static List<Integer> stages(Settings settings) {
        return Arrays.stream(settings.get(STAGES).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .map(Integer::parseInt).toList();
    }

    /** The preset, or {@code fallback} when none is set. */
    public static String preset(Settings settings, String fallback) {
        String p = settings.get(PRESET).trim().toLowerCase(Locale.ROOT);
        return p.isEmpty() ? fallback : p;
    }

    /** The trainer service's hyperparameters: the preset's, its round triggers, then every override. */
    public static TrainingHyperparameters hyperparameters(Settings settings) {
        TrainingHyperparameters hyper = TrainingHyperparameters.forPreset(preset(settings, "small"));
        for (int stage = 1; stage <= 3; stage++) {
            StageConfig config = hyper.stage(stage);
            hyper = hyper.withStage(config.withTriggers(triggers(settings, config.triggers())));
        }
        return apply(settings, hyper);
    }

    /** A local run's budgets: the preset's, with the per-stage overrides. */
    public static Map<Integer, Budget> budgets(Settings settings, Map<Integer, Budget> presets) {
        Map<Integer, Budget> out = new HashMap<>(presets);
        for (int stage = 1; stage <= 3; stage++) {
            Budget b = presets.getOrDefault(stage, Budget.UNLIMITED);
            long tokens = settings.get(BUDGET_TOKENS.get(stage - 1));
            long seconds = settings.get(BUDGET_SECONDS.get(stage - 1));
            out.put(stage, new Budget(tokens > 0 ? tokens : b.maxNewTokens(),
                    seconds > 0 ? Duration.ofSeconds(seconds) : b.maxDuration()));
        }
        return out;
    }

    /**
     * Applies every override but the round triggers to a run's hyperparameters.
     *
     * @param settings the settings
     * @param hyper the preset's (or the local run's) hyperparameters; its evaluation sizes are "the run's"
     * @return the hyperparameters to train with
     */
    public static TrainingHyperparameters apply(Settings settings, TrainingHyperparameters hyper) {
        TrainingHyperparameters.EvalConfig runEval = hyper.eval();
        String base = settings.get(BASE).trim();
        TrainingHyperparameters h = hyper.withDevice(settings.get(DEVICE)).withSeed(settings.get(SEED))
                .withBase(base.isEmpty() ? null : Path.of(base).toAbsolutePath().normalize());
        if (settings.get(VOCAB_SIZE) > 0) {
            h = h.withVocabSize(settings.get(VOCAB_SIZE));
        }
        String targets = settings.get(LORA_TARGETS).trim();
        if (targets.isEmpty()) {
            targets = base.isEmpty() ? String.join(",", LoraConfig.ALL_TARGETS) : TrainingHyperparameters.BASE_LORA_TARGETS;
        }
        LoraConfig lora = LoraConfig.of(settings.get(LORA_RANK), settings.get(LORA_ALPHA), targets);
        for (int stage = 1; stage <= 3; stage++) {
            h = h.withStage(stage(settings, h.stage(stage), lora));
        }
        int pubmedqa = settings.get(EVAL_PUBMEDQA);
        int mcq = settings.get(EVAL_MCQ);
        return h.withEval(new TrainingHyperparameters.EvalConfig(pubmedqa < 0 ? runEval.pubmedqaLimit() : pubmedqa,
                mcq < 0 ? runEval.mcqSlice() : mcq, settings.get(EVAL) && runEval.enabled()));
    }

    private static StageConfig stage(Settings settings, StageConfig c, LoraConfig lora) {
        int i = c.stage() - 1;
        String mode = settings.get(MODE.get(i)).trim().toLowerCase(Locale.ROOT);
        boolean useLora = switch (mode) {
            case "" -> c.usesLora();
            case "lora" -> true;
            case "full" -> false;
            default -> throw new IllegalArgumentException(MODE.get(i).key() + " = '" + mode + "': use full or lora");
        };
        double lr = settings.get(PEAK_LR.get(i));
        int batch = settings.get(BATCH_SIZE.get(i));
        long planned = settings.get(PLANNED_TOKENS.get(i));
        double warmup = settings.get(WARMUP.get(i));
        double decay = settings.get(WEIGHT_DECAY.get(i));
        double replay = settings.get(REPLAY.get(i));
        OptimizerConfig o = c.optimizer();
        OptimizerConfig optimizer = decay < 0 ? o
                : new OptimizerConfig(o.beta1(), o.beta2(), o.eps(), decay, o.gradClip(), o.decayEmbeddings());
        return new StageConfig(c.stage(), lr > 0 ? lr : c.peakLr(), c.scheduleKind(), c.minLrRatio(),
                warmup >= 0 ? warmup : c.warmupFraction(), planned > 0 ? planned : c.plannedTokens(), optimizer,
                useLora ? lora : null, batch > 0 ? batch : c.batchSize(), replay >= 0 ? replay : c.replayFraction(),
                c.reservoirCapacity(), c.triggers(), c.truncation());
    }

    static TriggerPolicy triggers(Settings settings, TriggerPolicy preset) {
        long tokens = settings.get(ROUND_TOKENS);
        long ageSeconds = settings.get(ROUND_MAX_AGE_S);
        if (tokens < 0 || ageSeconds < 0) {
            throw new IllegalArgumentException(ROUND_TOKENS.key() + " and " + ROUND_MAX_AGE_S.key() + " must be >= 0 (0:"
                    + " preset's tokens / no age trigger), got " + tokens + " and " + ageSeconds);
        }
        return preset.withMaxTokens(tokens == 0 ? preset.maxTokens() : tokens).withMaxRecords(settings.get(ROUND_RECORDS))
                .withMaxAge(ageSeconds == 0 ? null : Duration.ofSeconds(ageSeconds));
    }

    /** The name parts of one stage's key. */
    private record StageKey(int n, String key) {}

    private static <T> List<Setting<T>> perStage(String name, java.util.function.Function<StageKey, Setting<T>> make) {
        List<Setting<T>> out = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            out.add(make.apply(new StageKey(n, P + "stage" + n + "." + name)));
        }
        return List.copyOf(out);
    }

    private static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(CHECKPOINT_DIR, STAGES, PRESET, BASE, DEVICE, SEED, VOCAB_SIZE,
                LORA_RANK, LORA_ALPHA, LORA_TARGETS, ROUND_TOKENS, ROUND_RECORDS, ROUND_MAX_AGE_S, EVAL, EVAL_PUBMEDQA,
                EVAL_MCQ));
        for (List<? extends Setting<?>> perStage : List.of(MODE, PEAK_LR, BATCH_SIZE, PLANNED_TOKENS, WARMUP,
                WEIGHT_DECAY, REPLAY, BUDGET_TOKENS, BUDGET_SECONDS)) {
            all.addAll(perStage);
        }
        return List.copyOf(all);
    }
}
