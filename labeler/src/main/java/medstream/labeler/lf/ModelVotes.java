package medstream.labeler.lf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import medstream.labeler.core.ContextFitter;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.strategy.LabelingStrategy;
import medstream.labeler.strategy.StrategyResult;

/** A model strategy's votes on a batch: one model call for the inputs present, an abstention where one is absent. */
final class ModelVotes {
    /** Reason of the vote of a model strategy on an input the pipeline would reject (bad input, over the window). */
    static final String NOT_LABELED = "NOT_LABELED";
    /** Reason of the vote of a model strategy whose prompt for this input would not fit the model's window. */
    static final String PROMPT_OVER_WINDOW = "PROMPT_OVER_WINDOW";
    /** A voter left fewer context tokens than this would read next to nothing (the pipeline's own floor). */
    private static final int MIN_CONTEXT_TOKENS = 16;

    private ModelVotes() {}

    /**
     * One vote per input. A voter whose prompt would not fit (long-answer on a 10,000-word conclusion) abstains instead
     * of failing the request: the rules still vote on it, and the label model weighs what is there.
     */
    static List<Vote> of(LabelingStrategy voter, List<Optional<LabelInput>> inputs, LabelingModel model) {
        List<Optional<LabelInput>> fitting = inputs.stream().map(in -> in.flatMap(i -> fitted(voter, i, model))).toList();
        List<LabelInput> present = fitting.stream().flatMap(Optional::stream).toList();
        List<StrategyResult> results = present.isEmpty() ? List.of() : voter.label(present, model);
        List<Vote> out = new ArrayList<>(inputs.size());
        int k = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (fitting.get(i).isPresent()) out.add(Vote.fromStrategy(results.get(k++)));
            else out.add(Vote.abstain(voter.name(), inputs.get(i).isPresent() ? PROMPT_OVER_WINDOW : NOT_LABELED));
        }
        return out;
    }

    /**
     * The input as this voter can read it: its context cut in the middle (head and tail kept, as the labeler's default
     * overflow policy does) to what the voter's prompt leaves of the window; empty when even that does not fit. Each
     * voter is fitted on its own, so the rules always read the whole request and no voter's window rejects it.
     */
    static Optional<LabelInput> fitted(LabelingStrategy voter, LabelInput in, LabelingModel model) {
        int budget = model.contextWindow() - voter.tokensBesidesContext(in, model);
        if (!voter.usesContext()) return budget >= 0 ? Optional.of(in) : Optional.empty();
        if (model.countTokens(in.context()) <= budget) return Optional.of(in);
        if (budget < MIN_CONTEXT_TOKENS) return Optional.empty();
        return Optional.of(in.withContext(ContextFitter.fit(in.context(), budget, true, model::countTokens)));
    }
}
