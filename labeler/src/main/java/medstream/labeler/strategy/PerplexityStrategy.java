package medstream.labeler.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.prompt.PromptTemplate;

/**
 * {@code ppl}: ranks the options by their perplexity after question and context (the paper's post-hoc
 * check); probabilities are the softmax of the options' mean log-likelihoods, i.e. of minus log perplexity.
 */
public final class PerplexityStrategy implements LabelingStrategy {
    /** Tokens kept free for the option continuation. */
    private static final int OPTION_RESERVE = 8;
    private final PromptTemplate template;

    /** @param promptVersion version of {@code ppl.<version>.txt} */
    public PerplexityStrategy(String promptVersion) {
        this.template = PromptTemplate.load("ppl", promptVersion);
    }

    @Override public String name() { return "ppl"; }

    @Override public List<PromptTemplate> templates() { return List.of(template); }

    @Override
    public int tokensBesidesContext(LabelInput input, LabelingModel model) {
        return Prompts.overhead(template, input, Map.of(), OPTION_RESERVE, model);
    }

    @Override
    public List<StrategyResult> label(List<LabelInput> inputs, LabelingModel model) {
        List<PromptWithOptions> batch = new ArrayList<>(inputs.size());
        for (LabelInput in : inputs) {
            batch.add(new PromptWithOptions(Prompts.render(template, in, Map.of()), Prompts.continuations(in.options())));
        }
        List<OptionScores> scores = model.scoreOptions(batch);
        List<StrategyResult> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(new StrategyResult(name(), inputs.get(i).options(), Probabilities.softmax(scores.get(i).means()),
                    List.of(), promptTemplateHash(), List.of(), List.of()));
        }
        return out;
    }
}
