package medstream.labeler.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.ScoringMode;

/**
 * TEST DOUBLE, never used in production: a deterministic {@link LabelingModel} whose scores follow lexical
 * cues, so strategy, routing and service tests know the right answer without a trained network.
 *
 * <p>The cue label of a prompt is read from its {@code Context:} line (else its {@code Conclusion:} line):
 * "not", "no significant", "no difference" mean {@code no}; "unclear", "may", "inconclusive" mean
 * {@code maybe}; anything else {@code yes}. An option that names the cue label gets a mean log-likelihood of
 * {@value #MATCH} per token, any other {@value #MISMATCH}. Judgement prompts ("Is this explanation
 * supported") answer " yes" when their proposed answer is the cue label. Generation explains "The context
 * supports X." and answers self-consistency prompts with the cue label (sampling: a wrong option with
 * probability {@value #SAMPLE_ERROR}). Tokens are whitespace-separated words.
 */
public final class LexicalCueTestModel implements LabelingModel {
    /** Mean log-likelihood per token of the cue label's option. */
    public static final double MATCH = -0.2;
    /** Mean log-likelihood per token of every other option. */
    public static final double MISMATCH = -2.0;
    /** Probability that a sampled self-consistency answer is not the cue label. */
    public static final double SAMPLE_ERROR = 0.2;
    private static final Pattern PROPOSED = Pattern.compile("Proposed answer: (\\w+)");
    private static final Pattern ASSUME = Pattern.compile("Assume the answer is \"(\\w+)\"");
    private static final Pattern SUPPORTS = Pattern.compile("supports (yes|no|maybe)");

    private final String version;
    private final String device;
    private final int window;
    private final AtomicInteger scoreCalls = new AtomicInteger();
    private final AtomicInteger generateCalls = new AtomicInteger();
    private final AtomicInteger longestPrompt = new AtomicInteger();
    private volatile boolean closed;

    public LexicalCueTestModel(String version) {
        this(version, "cpu", 4096);
    }

    public LexicalCueTestModel(String version, String device, int window) {
        this.version = version;
        this.device = device;
        this.window = window;
    }

    /** The label the cues of {@code prompt} point to. */
    public static String cueLabel(String prompt) {
        String source = line(prompt, "Context: ");
        if (source == null) source = line(prompt, "Conclusion: ");
        if (source == null) source = prompt;
        String s = " " + source.toLowerCase(Locale.ROOT) + " ";
        if (s.contains(" not ") || s.contains("no significant") || s.contains("no difference")) return "no";
        if (s.contains("unclear") || s.contains(" may ") || s.contains("inconclusive")) return "maybe";
        return "yes";
    }

    private static String line(String prompt, String prefix) {
        int at = prompt.indexOf(prefix);
        if (at < 0) return null;
        int end = prompt.indexOf("\nQuestion:", at);
        if (end < 0) end = prompt.indexOf('\n', at);
        return prompt.substring(at + prefix.length(), end < 0 ? prompt.length() : end);
    }

    @Override public String version() { return version; }
    @Override public String device() { return device; }
    @Override public int contextWindow() { return window; }

    @Override
    public int countTokens(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    @Override
    public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
        checkOpen();
        scoreCalls.incrementAndGet();
        List<OptionScores> out = new ArrayList<>();
        for (PromptWithOptions p : batch) {
            observe(p.prompt());
            String cue = cueLabel(p.prompt());
            Matcher proposed = PROPOSED.matcher(p.prompt());
            boolean judgement = p.prompt().contains("Is this explanation supported") && proposed.find();
            double[] sum = new double[p.options().size()];
            int[] tokens = new int[p.options().size()];
            for (int i = 0; i < sum.length; i++) {
                String option = p.options().get(i);
                boolean match = judgement
                        ? option.strip().equals(proposed.group(1).equals(cue) ? "yes" : "no")
                        : cue.equals(named(option));
                tokens[i] = Math.max(1, countTokens(option));
                sum[i] = (match ? MATCH : MISMATCH) * tokens[i];
            }
            out.add(new OptionScores(sum, tokens));
        }
        return out;
    }

    /** The label an option continuation names: itself, or "supports X" in an explanation. */
    private static String named(String option) {
        String o = option.strip().toLowerCase(Locale.ROOT);
        Matcher m = SUPPORTS.matcher(o);
        return m.find() ? m.group(1) : o;
    }

    @Override
    public List<String> generate(List<String> prompts, GenerationParams params) {
        checkOpen();
        generateCalls.incrementAndGet();
        List<String> out = new ArrayList<>();
        for (int row = 0; row < prompts.size(); row++) {
            String prompt = prompts.get(row);
            observe(prompt);
            Matcher assume = ASSUME.matcher(prompt);
            if (assume.find()) {
                out.add(" The context supports " + assume.group(1) + ".");
                continue;
            }
            String cue = cueLabel(prompt);
            if (!params.isGreedy()) {
                Random r = new Random(params.seed() * 1_000_003L + prompt.hashCode() * 31L + row);
                if (r.nextDouble() < SAMPLE_ERROR) {
                    List<String> others = new ArrayList<>(List.of("yes", "no", "maybe"));
                    others.remove(cue);
                    cue = others.get(r.nextInt(others.size()));
                }
            }
            out.add(" " + cue);
        }
        return out;
    }

    private void observe(String prompt) {
        longestPrompt.accumulateAndGet(countTokens(prompt), Math::max);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("model " + version + " was used after close()");
    }

    /** Number of scoreOptions calls so far. */
    public int scoreCalls() { return scoreCalls.get(); }
    /** Number of generate calls so far. */
    public int generateCalls() { return generateCalls.get(); }
    /** Most tokens of any prompt seen. */
    public int longestPromptTokens() { return longestPrompt.get(); }
    /** True once closed. */
    public boolean isClosed() { return closed; }

    @Override
    public void close() {
        closed = true;
    }
}
