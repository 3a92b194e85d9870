package medstream.labeler.model;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import medstream.lm.GenerationConfig;
import medstream.lm.Generator;
import medstream.lm.LanguageModel;
import medstream.lm.ModelDirectory;
import medstream.lm.Score;
import medstream.lm.Scorer;
import medstream.lm.hf.ChatFormat;
import medstream.lm.model.DecoderNet;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.TextTokenizer;

/**
 * The project's DJL causal LM ({@code medstream.lm}) behind {@link LabelingModel}: text is encoded with the
 * checkpoint's tokenizer by a {@link PromptEncoder}: a model without a chat template (the project's GPT) gets BOS and
 * the prompt, a Hugging Face model with one (ChatML for Qwen, Llama-3 headers) gets the prompt as its user turn and
 * scores the options, or generates, as the assistant's reply. Serving-path option scores come
 * from one {@link Scorer#scoreOptions(List, List)} call per batch: all prompts in one padded forward pass (each
 * computed once), then all options of all prompts from its key/value cache; the reference path scores every pair
 * with {@link Scorer#score}. Generation uses the lm {@link Generator} with or
 * without its cache and stops at EOS, the text then cut at {@link GenerationParams#stopAt()}.
 *
 * <p>Not thread-safe (the lm model is not): each worker owns its instance.
 */
public final class DjlLabelingModel implements LabelingModel {
    private static final int SCORER_ROWS = 32;
    private final LanguageModel lm;
    private final TextTokenizer tokenizer;
    private final PromptEncoder encoder;
    /** Ids {@link #encoder} adds around a prompt's own (BOS, or the chat turn markers). */
    private final int promptOverhead;
    private final String version;
    private final String device;
    private final Scorer scorer;
    private final Generator generator;

    /**
     * Wraps a loaded model; this instance owns and closes it.
     *
     * @param lm        the language model
     * @param tokenizer its tokenizer
     * @param version   the version results will name
     * @param device    the device name results will name
     */
    public DjlLabelingModel(LanguageModel lm, TextTokenizer tokenizer, String version, String device) {
        this(lm, tokenizer, ChatFormat.PLAIN, version, device);
    }

    /**
     * Wraps a loaded model; this instance owns and closes it.
     *
     * @param lm        the language model
     * @param tokenizer its tokenizer
     * @param chat      its chat template shape, PLAIN for none
     * @param version   the version results will name
     * @param device    the device name results will name
     */
    public DjlLabelingModel(LanguageModel lm, TextTokenizer tokenizer, ChatFormat chat, String version, String device) {
        if (tokenizer.vocabSize() > lm.vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize() + " ids but the model only "
                    + lm.vocabSize() + "; they do not belong together");
        }
        this.lm = lm;
        this.tokenizer = tokenizer;
        this.encoder = new PromptEncoder(tokenizer, chat);
        this.promptOverhead = encoder.promptLength("");
        this.version = version;
        this.device = device;
        // A VoC micro-batch of 8 judges 24 prompts: 32 rows keep it to one prefix pass and one options pass.
        this.scorer = lm instanceof DecoderNet d ? d.scorer(SCORER_ROWS) : lm.scorer();
        this.generator = lm.generator();
    }

    /**
     * Loads a model directory: a checkpoint written by {@code medstream.lm.checkpoint.Checkpoint} (model, config and
     * {@code tokenizer/tokenizer.json}) or a brought TorchScript model with a Hugging Face {@code tokenizer.json}
     * (lm/README.md, "Bringing a model"). Matches {@link ModelLoader}, so {@code DjlLabelingModel::load} is the
     * service's loader.
     *
     * @param dir     the model directory
     * @param version version name, or null for the directory's own
     * @param device  {@code cpu} or {@code gpuN}
     */
    public static DjlLabelingModel load(Path dir, String version, String device) {
        ModelDirectory.Loaded m;
        try {
            m = ModelDirectory.open(dir, djlDevice(device));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot load model directory " + dir + ": " + e.getMessage(), e);
        }
        try {
            return new DjlLabelingModel(m.model(), m.tokenizer(), m.chat(), version != null ? version : m.version(),
                    device);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** {@code cpu} or {@code gpuN} as a DJL device. */
    static Device djlDevice(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) return Device.cpu();
        if (n.matches("gpu\\d+")) return Device.gpu(Integer.parseInt(n.substring(3)));
        throw new IllegalArgumentException("Unknown device '" + name + "': use cpu or gpuN");
    }

    @Override public String version() { return version; }
    @Override public String device() { return device; }
    @Override public int contextWindow() { return lm.contextLength(); }

    /** Tokens of the text plus those every prompt gets around it, BOS or chat turn markers (budgets err safe). */
    @Override
    public int countTokens(String text) {
        return tokenizer.tokenCount(text) + promptOverhead;
    }

    /** How this model is fed a prompt and its continuations. */
    public PromptEncoder encoder() {
        return encoder;
    }

    @Override
    public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
        List<OptionScores> out = new ArrayList<>(batch.size());
        if (mode == ScoringMode.SHARED_PREFIX) {
            return scoreShared(batch);
        }
        // Reference path: every (prompt, option) pair is its own row, the prompt recomputed for each.
        List<int[]> prompts = new ArrayList<>();
        List<int[]> continuations = new ArrayList<>();
        for (PromptWithOptions p : batch) {
            int[] prompt = prompt(p.prompt());
            for (String o : p.options()) {
                prompts.add(prompt);
                continuations.add(encoder.continuation(o));
            }
        }
        List<Score> scores = scorer.score(prompts, continuations);
        int k = 0;
        for (PromptWithOptions p : batch) {
            out.add(toScores(scores.subList(k, k + p.options().size())));
            k += p.options().size();
        }
        return out;
    }

    /**
     * The whole batch in one lm call: every prompt runs once (all of them in one padded forward pass) and every
     * option, single- or multi-token, is scored from their key/value cache in one further pass
     * ({@link Scorer#scoreOptions(List, List)}), instead of one lm call per prompt.
     */
    private List<OptionScores> scoreShared(List<PromptWithOptions> batch) {
        List<int[]> prompts = new ArrayList<>(batch.size());
        List<List<int[]>> options = new ArrayList<>(batch.size());
        for (PromptWithOptions p : batch) {
            prompts.add(prompt(p.prompt()));
            options.add(encodeAll(p.options()));
        }
        List<OptionScores> out = new ArrayList<>(batch.size());
        for (List<Score> scores : scorer.scoreOptions(prompts, options)) {
            out.add(toScores(scores));
        }
        return out;
    }

    @Override
    public List<String> generate(List<String> prompts, GenerationParams params) {
        if (prompts.isEmpty()) return List.of();
        int eos = encoder.stopId();
        GenerationConfig config = params.isGreedy()
                ? GenerationConfig.greedy(params.maxNewTokens(), eos)
                : GenerationConfig.sampling(params.maxNewTokens(), params.temperature(), params.topK(), params.seed(), eos);
        List<int[]> encoded = prompts.stream().map(this::prompt).toList();
        List<int[]> generated = generator.generate(encoded, config.withCache(params.useCache()));
        List<String> out = new ArrayList<>(generated.size());
        for (int[] ids : generated) out.add(params.cutAtStop(tokenizer.decode(ids, true)));
        return out;
    }

    private int[] prompt(String text) {
        return encoder.prompt(text);
    }

    private List<int[]> encodeAll(List<String> texts) {
        List<int[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            int[] ids = encoder.continuation(t);
            if (ids.length == 0) throw new IllegalArgumentException("option '" + t + "' encodes to no tokens");
            out.add(ids);
        }
        return out;
    }

    private static OptionScores toScores(List<Score> scores) {
        double[] sum = new double[scores.size()];
        int[] n = new int[scores.size()];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = scores.get(i).sumLogProb();
            n[i] = scores.get(i).tokenCount();
        }
        return new OptionScores(sum, n);
    }

    @Override
    public void close() {
        lm.close();
    }
}
