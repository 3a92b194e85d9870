package medstream.labeler.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.prompt.PromptTemplate;

/**
 * {@code long-answer}: the label from question plus the abstract's conclusion, which PQA-U items carry and
 * the paper used. An input without a conclusion is labeled from its context instead and forced to REVIEW
 * (reason {@value #NO_LONG_ANSWER}); inside an ensemble such inputs simply skip this member.
 */
public final class LongAnswerStrategy implements LabelingStrategy {
    /** Review reason when there was no conclusion to read. */
    public static final String NO_LONG_ANSWER = "NO_LONG_ANSWER";
    private static final int OPTION_RESERVE = 8;
    private final PromptTemplate template;

    /** @param promptVersion version of {@code long-answer.<version>.txt} */
    public LongAnswerStrategy(String promptVersion) {
        this.template = PromptTemplate.load("long-answer", promptVersion);
    }

    @Override public String name() { return "long-answer"; }

    /** Question and conclusion only: the context is never in the prompt. */
    @Override public boolean usesContext() { return false; }

    @Override public List<PromptTemplate> templates() { return List.of(template); }

    /** The context only appears when there is no conclusion. */
    @Override
    public int tokensBesidesContext(LabelInput input, LabelingModel model) {
        String conclusion = input.hasLongAnswer() ? input.longAnswer() : "";
        return model.countTokens(render(input, conclusion)) + OPTION_RESERVE;
    }

    /** The template filled with the question, the conclusion and (where it lists them) the options. */
    private String render(LabelInput in, String conclusion) {
        Map<String, String> slots = new HashMap<>(Prompts.slots(template, in));
        slots.remove("context");
        slots.put("long_answer", conclusion);
        return template.render(slots);
    }

    @Override
    public List<StrategyResult> label(List<LabelInput> inputs, LabelingModel model) {
        List<PromptWithOptions> batch = new ArrayList<>(inputs.size());
        for (LabelInput in : inputs) {
            String conclusion = in.hasLongAnswer() ? in.longAnswer() : in.context();
            String prompt = render(in, conclusion);
            batch.add(new PromptWithOptions(prompt, Prompts.continuations(in.options())));
        }
        List<OptionScores> scores = model.scoreOptions(batch);
        List<StrategyResult> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            LabelInput in = inputs.get(i);
            out.add(new StrategyResult(name(), in.options(), Probabilities.softmax(scores.get(i).means()), List.of(),
                    promptTemplateHash(), List.of(), in.hasLongAnswer() ? List.of() : List.of(NO_LONG_ANSWER)));
        }
        return out;
    }
}
