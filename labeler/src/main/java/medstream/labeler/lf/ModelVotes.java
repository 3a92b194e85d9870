package medstream.labeler.lf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.strategy.LabelingStrategy;
import medstream.labeler.strategy.StrategyResult;

/** A model strategy's votes on a batch: one model call for the inputs present, an abstention where one is absent. */
final class ModelVotes {
    /** Reason of the vote of a model strategy on an input the pipeline would reject (bad input, over the window). */
    static final String NOT_LABELED = "NOT_LABELED";

    private ModelVotes() {}

    static List<Vote> of(LabelingStrategy voter, List<Optional<LabelInput>> inputs, LabelingModel model) {
        List<LabelInput> present = inputs.stream().flatMap(Optional::stream).toList();
        List<StrategyResult> results = present.isEmpty() ? List.of() : voter.label(present, model);
        List<Vote> out = new ArrayList<>(inputs.size());
        int k = 0;
        for (Optional<LabelInput> in : inputs) {
            out.add(in.isPresent() ? Vote.fromStrategy(results.get(k++)) : Vote.abstain(voter.name(), NOT_LABELED));
        }
        return out;
    }
}
