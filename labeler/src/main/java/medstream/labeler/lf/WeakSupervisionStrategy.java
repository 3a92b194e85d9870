package medstream.labeler.lf;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.OutOfFoldSource;
import medstream.labeler.core.LabelInput;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.prompt.PromptTemplate;
import medstream.labeler.strategy.LabelingStrategy;
import medstream.labeler.strategy.StrategyResult;

/**
 * {@code weak}: the labeling functions vote on each request and a fitted label model turns their votes into option
 * probabilities; the result carries every vote and the set's hash, so each label says which rules made it. Needs no
 * language model call: the model argument only names the version the result is recorded under (and calibrated for).
 * A request on which every voter abstains gets the label model's prior and is forced to REVIEW ({@value #NO_VOTES}).
 *
 * <p>Built with a {@link WeakTrainer}, the label model is fitted per model version (once, when the version is first
 * calibrated or used): model strategies (ppl, long-answer, voc) vote beside the rules, and the out-of-fold
 * predictions over the gold items calibrate the version ({@link OutOfFoldSource}).
 */
public final class WeakSupervisionStrategy implements LabelingStrategy, OutOfFoldSource {
    /** The strategy's name. */
    public static final String NAME = "weak";
    /** Review reason: no rule voted (no conclusion, not English, no cue). */
    public static final String NO_VOTES = "NO_VOTES";

    private final LabelingFunctions lfs;
    /** The fixed label model (rules only), or null when {@link #trainer} fits one per model version. */
    private final LabelModel labelModel;
    private final WeakTrainer trainer;
    private final LabelerConfig config;
    private final Map<String, WeakTrainer.Fit> fits = new ConcurrentHashMap<>();

    /**
     * Rules only, with a label model fitted elsewhere (tests, offline fits).
     *
     * @throws IllegalArgumentException when the label model was fitted on voters the set does not have
     */
    public WeakSupervisionStrategy(LabelingFunctions lfs, LabelModel labelModel) {
        if (!lfs.ids().containsAll(labelModel.voters())) {
            throw new IllegalArgumentException("the label model was fitted on voters " + labelModel.voters() + " but the "
                    + "labeling functions are " + lfs.ids() + "; fit it on this set's votes");
        }
        this.lfs = lfs;
        this.labelModel = labelModel;
        this.trainer = null;
        this.config = null;
    }

    /**
     * A label model fitted per model version by {@code trainer}.
     *
     * @param config the labeler's settings: gold items are prepared (validated, context fitted) as requests are
     */
    public WeakSupervisionStrategy(LabelingFunctions lfs, WeakTrainer trainer, LabelerConfig config) {
        this.lfs = lfs;
        this.labelModel = null;
        this.trainer = trainer;
        this.config = config;
    }

    private List<LabelingStrategy> modelVoters() {
        return trainer == null ? List.of() : trainer.modelVoters();
    }

    /** The fit of {@code model}'s version: made once, on whichever thread first needs it (the calibrating loader). */
    WeakTrainer.Fit fitFor(LabelingModel model) {
        if (trainer == null) return new WeakTrainer.Fit(labelModel, Optional.empty());
        return fits.computeIfAbsent(model.version(), v -> trainer.fit(model,
                requests -> new LabelingPipeline(this, config, Clock.systemUTC()).prepare(requests, model)));
    }

    @Override
    public Optional<OutOfFold> outOfFold(LabelingModel model) {
        return fitFor(model).outOfFold();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The model voters' templates: a different set of voters is a different prompt-template hash. */
    @Override
    public List<PromptTemplate> templates() {
        return modelVoters().stream().flatMap(s -> s.templates().stream()).toList();
    }

    /**
     * The rules read the whole context, so the pipeline never cuts or rejects a request for weak; each model voter gets
     * the context fitted to its own window instead, and abstains where its prompt cannot fit ({@link ModelVotes}).
     */
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
        LabelModel m = fitFor(model).model();
        List<VoteSet> votes = new ArrayList<>(inputs.stream().map(in -> lfs.apply(LfInput.of(in))).toList());
        List<Optional<LabelInput>> present = inputs.stream().map(Optional::of).toList();
        for (LabelingStrategy voter : modelVoters()) {
            List<Vote> mine = ModelVotes.of(voter, present, model);
            for (int i = 0; i < votes.size(); i++) votes.set(i, votes.get(i).with(List.of(mine.get(i))));
        }
        List<StrategyResult> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) out.add(label(inputs.get(i), votes.get(i), m));
        return out;
    }

    /** One request's result from its votes. */
    private StrategyResult label(LabelInput in, VoteSet votes, LabelModel labelModel) {
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
                lfs.hash(), review.isEmpty() ? votes.reasons() : List.of());
    }
}
