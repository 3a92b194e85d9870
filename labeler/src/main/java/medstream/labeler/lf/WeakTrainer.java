package medstream.labeler.lf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import medstream.contracts.LabelRequest;
import medstream.labeler.calibration.OutOfFoldSource;
import medstream.labeler.calibration.ThresholdCalibrator;
import medstream.labeler.core.LabelInput;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.eval.Prediction;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.offline.PubMedQaFile;
import medstream.labeler.strategy.LabelingStrategy;

/**
 * Fits strategy {@code weak}'s label model for one model version: every voter (the rules and the model strategies)
 * votes on every gold item, the serving label model learns from the items outside the held-out fold (the dev items the
 * run evaluates on), and one label model per fold predicts that fold's items so that each gold item gets an
 * out-of-fold prediction to calibrate on. Model strategies vote with the version being fitted, so the label model
 * learns how much this version's answers are worth (for an untrained model: nothing).
 *
 * <p>Caveat, stated where it is made: in {@code ./medstream local} the language model trained on the gold items outside
 * the dev fold, so its votes on them are in-sample; the rules' votes and the label model's folds are out-of-sample.
 */
public final class WeakTrainer {
    /** Gold items are labeled by the model voters in batches of this many (the labeler's own batch size). */
    private static final int BATCH = 16;
    /** Benchmark name recorded for out-of-fold calibrations. */
    public static final String OOF_BENCHMARK = "gold/out-of-fold";

    private final LabelingFunctions lfs;
    private final List<LabelingStrategy> modelVoters;
    private final List<PubMedQaFile.Item> items;
    private final List<CrossValidationFolds.Fold> folds;
    private final int heldOutFold;
    private final LabelModel.Kind kind;

    /** What one fit produced: the serving label model and the out-of-fold predictions (absent without folds). */
    public record Fit(LabelModel model, Optional<OutOfFoldSource.OutOfFold> outOfFold) { }

    /**
     * @param items       gold items (every item of the folds when folds are given)
     * @param folds       the cross-validation folds over {@code items}; empty = no out-of-fold predictions
     * @param heldOutFold the fold whose held-out items the serving label model never trains on
     */
    public WeakTrainer(LabelingFunctions lfs, List<LabelingStrategy> modelVoters, List<PubMedQaFile.Item> items,
                       List<CrossValidationFolds.Fold> folds, int heldOutFold, LabelModel.Kind kind) {
        if (items.isEmpty()) throw new IllegalArgumentException("strategy weak has no gold items to fit its label model on");
        this.lfs = lfs;
        this.modelVoters = List.copyOf(modelVoters);
        this.items = List.copyOf(items);
        this.folds = List.copyOf(folds);
        this.heldOutFold = heldOutFold;
        this.kind = kind;
    }

    /** The model strategies voting beside the rules. */
    public List<LabelingStrategy> modelVoters() {
        return modelVoters;
    }

    /** Every voter's id: the rules, then the model strategies. */
    public List<String> voterIds() {
        List<String> ids = new ArrayList<>(lfs.ids());
        modelVoters.forEach(s -> ids.add(s.name()));
        return ids;
    }

    /**
     * Fits for {@code model}'s version.
     *
     * @param prepare turns gold requests into the inputs the strategy would see (validated, context fitted); empty
     *                where a request would be rejected (its model voters then abstain)
     */
    public Fit fit(LabelingModel model, Function<List<LabelRequest>, List<Optional<LabelInput>>> prepare) {
        List<VoteSet> votes = votes(model, prepare);
        List<String> gold = items.stream().map(PubMedQaFile.Item::gold).toList();
        List<String> voters = voterIds();
        Set<String> servingHeldOut = folds.stream().filter(f -> f.index() == heldOutFold).findFirst()
                .map(CrossValidationFolds.Fold::heldOutIds).orElse(Set.of());
        LabelModel serving = fitOn(voters, votes, gold, i -> !servingHeldOut.contains(id(i)));
        if (folds.isEmpty()) return new Fit(serving, Optional.empty());

        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) index.put(id(i), i);
        List<ThresholdCalibrator.Outcome> outcomes = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        for (CrossValidationFolds.Fold f : folds) {
            Set<String> held = f.heldOutIds();
            LabelModel m = fitOn(voters, votes, gold, i -> !held.contains(id(i)));
            for (String id : held) {
                Integer i = index.get(id);
                if (i == null) continue;
                double[] p = m.predict(votes.get(i));
                int best = argmax(p);
                // An item no voter voted on is forced to REVIEW when served, so it can never count as accepted here.
                double confidence = votes.get(i).nonAbstaining() == 0 ? 0.0 : p[best];
                boolean right = confidence > 0 && Vote.OPTIONS.get(best).equals(gold.get(i));
                outcomes.add(new ThresholdCalibrator.Outcome(confidence, right));
                predictions.add(new Prediction(id, gold.get(i), Vote.OPTIONS.get(best), confidence, false));
            }
        }
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("lf_set_hash", lfs.hash());
        analysis.put("label_model", kind.id());
        analysis.put("model_voters", modelVoters.stream().map(LabelingStrategy::name).toList());
        analysis.put("gold_items", items.size());
        analysis.put("trained_on", (int) java.util.stream.IntStream.range(0, items.size())
                .filter(i -> !servingHeldOut.contains(id(i))).count());
        analysis.put("out_of_fold_accuracy", predictions.stream().filter(p -> p.gold().equals(p.predicted())).count()
                / (double) Math.max(1, predictions.size()));
        analysis.putAll(LfAnalysis.of(voters, votes, gold).toMap());
        analysis.put("weights", serving.weights());
        return new Fit(serving, Optional.of(new OutOfFoldSource.OutOfFold(OOF_BENCHMARK, outcomes, predictions, analysis, servingHeldOut)));
    }

    /** Every voter's vote on every gold item, in item order. */
    private List<VoteSet> votes(LabelingModel model, Function<List<LabelRequest>, List<Optional<LabelInput>>> prepare) {
        List<VoteSet> votes = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += BATCH) {
            List<PubMedQaFile.Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            List<LabelRequest> requests = batch.stream().map(PubMedQaFile.Item::request).toList();
            List<Optional<LabelInput>> inputs = modelVoters.isEmpty() ? List.of() : prepare.apply(requests);
            List<VoteSet> sets = new ArrayList<>(requests.stream().map(r -> lfs.apply(LfInput.of(r))).toList());
            for (LabelingStrategy voter : modelVoters) {
                List<Vote> mine = ModelVotes.of(voter, inputs, model);
                for (int i = 0; i < sets.size(); i++) sets.set(i, sets.get(i).with(List.of(mine.get(i))));
            }
            votes.addAll(sets);
        }
        return votes;
    }

    private LabelModel fitOn(List<String> voters, List<VoteSet> votes, List<String> gold,
                             java.util.function.IntPredicate use) {
        List<VoteSet> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < votes.size(); i++) {
            if (!use.test(i)) continue;
            x.add(votes.get(i));
            y.add(gold.get(i));
        }
        return kind.fit(voters, x, y, LogisticLabelModel.DEFAULT_L2);
    }

    private String id(int i) {
        return items.get(i).request().getId();
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }
}
