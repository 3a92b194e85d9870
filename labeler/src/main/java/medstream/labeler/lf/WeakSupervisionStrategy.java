package medstream.labeler.lf;

import java.util.ArrayList;
import java.util.List;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.prompt.PromptTemplate;
import medstream.labeler.strategy.LabelingStrategy;
import medstream.labeler.strategy.StrategyResult;

/**
 * {@code weak}: the labeling functions vote on each request and a fitted label model turns their votes into option
 * probabilities; the result carries every vote and the set's hash, so each label says which rules made it. Needs no
 * language model call: the model argument only names the version the result is recorded under (and calibrated for).
 * A request on which every rule abstains gets the label model's prior and is forced to REVIEW ({@value #NO_VOTES}).
 */
public final class WeakSupervisionStrategy implements LabelingStrategy {
    /** The strategy's name. */
    public static final String NAME = "weak";
    /** Review reason: no rule voted (no conclusion, not English, no cue). */
    public static final String NO_VOTES = "NO_VOTES";

    private final LabelingFunctions lfs;
    private final LabelModel labelModel;

    /**
     * @throws IllegalArgumentException when the label model was fitted on voters the set does not have
     */
    public WeakSupervisionStrategy(LabelingFunctions lfs, LabelModel labelModel) {
        if (!lfs.ids().containsAll(labelModel.voters())) {
            throw new IllegalArgumentException("the label model was fitted on voters " + labelModel.voters() + " but the "
                    + "labeling functions are " + lfs.ids() + "; fit it on this set's votes");
        }
        this.lfs = lfs;
        this.labelModel = labelModel;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PromptTemplate> templates() {
        return List.of();
    }

    /** The rules read the whole context; no prompt is built, so nothing needs to fit a model's window. */
    @Override
    public boolean usesContext() {
        return false;
    }

    @Override
    public int tokensBesidesContext(LabelInput input, LabelingModel model) {
        return 0;
    }

    @Override
    public List<StrategyResult> label(List<LabelInput> inputs, LabelingModel model) {
        List<StrategyResult> out = new ArrayList<>(inputs.size());
        for (LabelInput in : inputs) out.add(label(in));
        return out;
    }

    /** One request's result. */
    StrategyResult label(LabelInput in) {
        VoteSet votes = lfs.apply(LfInput.of(in));
        double[] p = labelModel.predict(votes);
        // The request's options, in its order; an option outside yes/no/maybe was refused by validation already.
        double[] mine = new double[in.options().size()];
        double sum = 0;
        for (int i = 0; i < mine.length; i++) {
            mine[i] = p[Vote.OPTIONS.indexOf(in.options().get(i))];
            sum += mine[i];
        }
        for (int i = 0; i < mine.length; i++) mine[i] = sum > 0 ? mine[i] / sum : 1.0 / mine.length;
        List<String> review = votes.nonAbstaining() == 0
                ? List.of(NO_VOTES + (votes.reasons().isEmpty() ? "" : "(" + String.join(",", votes.reasons()) + ")"))
                : List.of();
        List<StrategyResult.VoterVote> lineage = votes.votes().stream().map(v -> new StrategyResult.VoterVote(v.voter(),
                v.label(), v.abstained() ? 0 : v.probabilities()[v.labelIndex()], v.reason())).toList();
        return new StrategyResult(NAME, in.options(), mine, List.of(), promptTemplateHash(), List.of(), review, lineage,
                lfs.hash());
    }
}
