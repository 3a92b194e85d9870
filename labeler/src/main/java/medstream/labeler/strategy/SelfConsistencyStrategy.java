package medstream.labeler.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.prompt.PromptTemplate;

/**
 * k-sample self-consistency: sample k short answers per input (temperature sampling, distinct seeds) and
 * use the vote shares as probabilities. An answer is the first word of the sample that names an option;
 * samples naming none do not vote. Used as an ensemble member.
 */
public final class SelfConsistencyStrategy implements LabelingStrategy {
    /** Review reason when no sample named an option. */
    public static final String NO_VOTES = "SELF_CONSISTENCY_NO_VOTES";
    private static final int ANSWER_TOKENS = 4;
    private final PromptTemplate template;
    private final int samples;
    private final double temperature;
    private final long seed;

    /**
     * @param promptVersion version of {@code self-consistency.<version>.txt}
     * @param samples       k, at least 1
     * @param temperature   sampling temperature (above 0)
     * @param seed          base seed; sample j uses {@code seed + j}
     */
    public SelfConsistencyStrategy(String promptVersion, int samples, double temperature, long seed) {
        if (samples < 1) throw new IllegalArgumentException("self-consistency needs at least one sample, got " + samples);
        if (!(temperature > 0)) throw new IllegalArgumentException("self-consistency samples need a temperature > 0, got " + temperature);
        this.template = PromptTemplate.load("self-consistency", promptVersion);
        this.samples = samples;
        this.temperature = temperature;
        this.seed = seed;
    }

    @Override public String name() { return "self-consistency"; }

    @Override public List<PromptTemplate> templates() { return List.of(template); }

    @Override
    public int tokensBesidesContext(LabelInput input, LabelingModel model) {
        return Prompts.overhead(template, input, Map.of(), ANSWER_TOKENS, model);
    }

    @Override
    public List<StrategyResult> label(List<LabelInput> inputs, LabelingModel model) {
        List<String> prompts = inputs.stream().map(in -> Prompts.render(template, in, Map.of())).toList();
        // A served model may be held to the options (structured outputs), when every request of the batch has the same ones.
        List<String> choices = inputs.stream().map(LabelInput::options).distinct().count() == 1 ? inputs.get(0).options() : List.of();
        int[][] votes = new int[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) votes[i] = new int[inputs.get(i).options().size()];
        for (int j = 0; j < samples; j++) {
            List<String> answers = model.generate(prompts,
                    GenerationParams.sampling(ANSWER_TOKENS, temperature, 0, seed + j).withChoices(choices));
            for (int i = 0; i < inputs.size(); i++) {
                int choice = parse(answers.get(i), inputs.get(i).options());
                if (choice >= 0) votes[i][choice]++;
            }
        }
        List<StrategyResult> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            int total = 0;
            for (int v : votes[i]) total += v;
            double[] p = new double[votes[i].length];
            List<String> reasons = List.of();
            if (total == 0) {
                java.util.Arrays.fill(p, 1.0 / p.length);
                reasons = List.of(NO_VOTES);
            } else {
                for (int k = 0; k < p.length; k++) p[k] = (double) votes[i][k] / total;
            }
            out.add(new StrategyResult(name(), inputs.get(i).options(), p, List.of(), promptTemplateHash(), List.of(), reasons));
        }
        return out;
    }

    /** Index of the option that the first word of {@code text} names, or -1. */
    static int parse(String text, List<String> options) {
        for (String word : text.strip().toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (word.isEmpty()) continue;
            return options.indexOf(word);
        }
        return -1;
    }
}
