package medstream.labeler.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.prompt.PromptTemplate;
import medstream.lm.prompt.VerificationPrompt;

/**
 * {@code voc}: Verification-of-Choice (AntGLM-Med). Three batched steps over all inputs:
 * <ol>
 *   <li>explain: for each option X, generate (greedy) an explanation "assuming the answer is X" from the
 *       context;</li>
 *   <li>judge: score each explanation against the context, either by the answers yes/no to "is this
 *       explanation supported by the context?" ({@link JudgeMode#PROMPT}) or by the explanation's mean
 *       log-likelihood given the context, normalised across the options ({@link JudgeMode#LIKELIHOOD});</li>
 *   <li>answer: score the options given context and all explanations.</li>
 * </ol>
 * The final log-score of option X is its answer mean log-likelihood plus {@code judgeWeight * log support(X)};
 * the probabilities are their softmax.
 *
 * <p>An explanation gets at most the configured token count, and at most a quarter of the model's window shared
 * by the options ({@link #explanationTokens}): the answer prompt carries every explanation, and the context
 * should keep at least half of a small model's window.
 */
public final class VocStrategy implements LabelingStrategy {
    private static final int OPTION_RESERVE = 8;
    private static final String EMPTY_EXPLANATION = "(no explanation)";
    /** The judge's replies, supported first (its probability is the support). */
    private static final List<String> JUDGE_REPLIES =
            Prompts.continuations(List.of(VerificationPrompt.SUPPORTED, VerificationPrompt.UNSUPPORTED));

    private final PromptTemplate explain;
    private final PromptTemplate judge;
    private final PromptTemplate answer;
    private final JudgeMode judgeMode;
    private final double judgeWeight;
    private final int explanationTokens;
    private final int explanationChars;

    /**
     * @param promptVersion     version of the voc-* templates
     * @param judgeMode         how explanations are judged
     * @param judgeWeight       weight of the log judgement in the final score (0: answer step only)
     * @param explanationTokens most tokens per generated explanation
     * @param explanationChars  explanations are truncated to this many characters in results
     */
    public VocStrategy(String promptVersion, JudgeMode judgeMode, double judgeWeight, int explanationTokens,
                       int explanationChars) {
        this.explain = PromptTemplate.load("voc-explain", promptVersion);
        this.judge = PromptTemplate.load(judgeMode == JudgeMode.PROMPT ? "voc-judge" : "voc-judge-likelihood", promptVersion);
        this.answer = PromptTemplate.load("voc-answer", promptVersion);
        this.judgeMode = judgeMode;
        this.judgeWeight = judgeWeight;
        this.explanationTokens = explanationTokens;
        this.explanationChars = explanationChars;
    }

    @Override public String name() { return "voc"; }

    @Override public List<PromptTemplate> templates() { return List.of(explain, judge, answer); }

    /** The answer prompt is the longest: it carries every option's explanation. */
    @Override
    public int tokensBesidesContext(LabelInput input, LabelingModel model) {
        int perExplanation = explanationTokens(model, input.options().size());
        List<String> blanks = input.options().stream().map(o -> "").toList();
        int answerTokens = Prompts.overhead(answer, input, Map.of("explanations", explanationBlock(input.options(), blanks)),
                OPTION_RESERVE + perExplanation * input.options().size(), model);
        int explainTokens = Prompts.overhead(explain, input, Map.of("option", "maybe"), perExplanation, model);
        return Math.max(answerTokens, explainTokens);
    }

    /** Tokens per explanation: the configured count, capped at a quarter of the window over {@code options} explanations. */
    int explanationTokens(LabelingModel model, int options) {
        return Math.max(4, Math.min(explanationTokens, model.contextWindow() / (4 * Math.max(1, options))));
    }

    @Override
    public List<StrategyResult> label(List<LabelInput> inputs, LabelingModel model) {
        List<List<String>> explanations = explain(inputs, model);
        List<double[]> support = judge(inputs, explanations, model);

        List<PromptWithOptions> answers = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            LabelInput in = inputs.get(i);
            String block = explanationBlock(in.options(), explanations.get(i));
            answers.add(new PromptWithOptions(Prompts.render(answer, in, Map.of("explanations", block)),
                    Prompts.continuations(in.options())));
        }
        List<OptionScores> answerScores = model.scoreOptions(answers);

        List<StrategyResult> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            LabelInput in = inputs.get(i);
            double[] logits = answerScores.get(i).means();
            double[] s = support.get(i);
            List<String> shown = new ArrayList<>();
            for (int k = 0; k < logits.length; k++) {
                logits[k] += judgeWeight * Probabilities.safeLog(s[k]);
                shown.add(in.options().get(k) + String.format(Locale.ROOT, " (support %.2f): ", s[k])
                        + Prompts.truncate(explanations.get(i).get(k), explanationChars));
            }
            out.add(new StrategyResult(name(), in.options(), Probabilities.softmax(logits), shown, promptTemplateHash(),
                    List.of(), List.of()));
        }
        return out;
    }

    /** Step 1: one greedy explanation per (input, option), all in one generation batch. */
    private List<List<String>> explain(List<LabelInput> inputs, LabelingModel model) {
        List<String> prompts = new ArrayList<>();
        for (LabelInput in : inputs) {
            for (String option : in.options()) prompts.add(Prompts.render(explain, in, Map.of("option", option)));
        }
        int widest = inputs.stream().mapToInt(in -> in.options().size()).max().orElse(1);
        List<String> generated = model.generate(prompts, GenerationParams.greedy(explanationTokens(model, widest)));
        List<List<String>> out = new ArrayList<>(inputs.size());
        int k = 0;
        for (LabelInput in : inputs) {
            List<String> mine = new ArrayList<>();
            for (int j = 0; j < in.options().size(); j++) {
                String e = generated.get(k++).strip();
                mine.add(e.isEmpty() ? EMPTY_EXPLANATION : e);
            }
            out.add(mine);
        }
        return out;
    }

    /** Step 2: support in (0, 1] of each option's explanation. */
    private List<double[]> judge(List<LabelInput> inputs, List<List<String>> explanations, LabelingModel model) {
        List<double[]> out = new ArrayList<>(inputs.size());
        if (judgeMode == JudgeMode.LIKELIHOOD) {
            // One shared prefix (context + question) per input; its explanations are the options scored after it.
            List<PromptWithOptions> batch = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                batch.add(new PromptWithOptions(Prompts.render(judge, inputs.get(i), Map.of()),
                        explanations.get(i).stream().map(e -> " " + e).toList()));
            }
            for (OptionScores s : model.scoreOptions(batch)) out.add(Probabilities.softmax(s.means()));
            return out;
        }
        List<PromptWithOptions> batch = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            LabelInput in = inputs.get(i);
            for (int k = 0; k < in.options().size(); k++) {
                String prompt = Prompts.render(judge, in, Map.of("option", in.options().get(k),
                        "explanation", explanations.get(i).get(k)));
                batch.add(new PromptWithOptions(prompt, JUDGE_REPLIES));
            }
        }
        List<OptionScores> scores = model.scoreOptions(batch);
        int k = 0;
        for (LabelInput in : inputs) {
            double[] s = new double[in.options().size()];
            for (int j = 0; j < s.length; j++) s[j] = Probabilities.softmax(scores.get(k++).means())[0];
            out.add(s);
        }
        return out;
    }

    private static String explanationBlock(List<String> options, List<String> explanations) {
        return VerificationPrompt.explanations(options, explanations);
    }
}
