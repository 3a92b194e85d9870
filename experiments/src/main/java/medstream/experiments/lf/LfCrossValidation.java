package medstream.experiments.lf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import medstream.experiments.crossval.CrossValidationResults;
import medstream.labeler.calibration.Calibration;
import medstream.labeler.calibration.ThresholdCalibrator;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.eval.Prediction;
import medstream.labeler.lf.LabelModel;
import medstream.labeler.lf.LabelingFunctions;
import medstream.labeler.lf.LfAnalysis;
import medstream.labeler.lf.LfInput;
import medstream.labeler.lf.LogisticLabelModel;
import medstream.labeler.lf.Vote;
import medstream.labeler.lf.VoteSet;
import medstream.labeler.offline.PubMedQaFile;

/**
 * Cross-validation of labeling functions + label models on the PQA-L folds, in seconds and without a language model.
 * Per fold every {@link Method} trains on the 450 training items and predicts the 50 held-out ones; its ACCEPT
 * threshold comes from a nested cross-validation inside the training items (out-of-fold predictions of those 450
 * items, {@link ThresholdCalibrator}), so the held-out items judge the threshold as well as the labels. Model voters
 * join when their out-of-fold probabilities are given ({@link OutOfFoldVotes}).
 */
public final class LfCrossValidation {
    /** Prefix of the label-model rows. */
    public static final String LABEL_MODEL = "label-model-";

    private LfCrossValidation() {}

    /**
     * The run's settings.
     *
     * @param labelModel     the label model the labeler would use; both are measured, this one is "selected"
     * @param targetAccuracy the Wilson lower bound of accepted accuracy a threshold must reach
     * @param minAccepted    a threshold must accept at least this many calibration items
     * @param innerFolds     folds of the nested cross-validation that calibrates each fold's threshold
     * @param l2             the discriminative label model's L2 strength
     */
    public record Settings(LabelModel.Kind labelModel, double targetAccuracy, int minAccepted, int innerFolds, double l2) {
        /** The defaults: discriminative (better on CV), target 0.85 (chosen in the fold-0-free dev run), >= 10 accepted, 5 inner folds. */
        public static Settings defaults() {
            return new Settings(LabelModel.Kind.DISCRIMINATIVE, 0.85, 10, 5, LogisticLabelModel.DEFAULT_L2);
        }
    }

    /**
     * The folds without fold {@code excluded} and without its held-out items anywhere: what labeling functions may be
     * developed on while fold {@code excluded} stays unseen (its held-out items are then the clean test).
     */
    public static List<CrossValidationFolds.Fold> excluding(List<CrossValidationFolds.Fold> folds, int excluded) {
        CrossValidationFolds.Fold gone = folds.stream().filter(f -> f.index() == excluded).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no fold " + excluded + " to exclude; folds are 0.." + (folds.size() - 1)));
        Set<String> hidden = gone.heldOutIds();
        List<CrossValidationFolds.Fold> out = new ArrayList<>();
        for (CrossValidationFolds.Fold f : folds) {
            if (f == gone) continue;
            out.add(new CrossValidationFolds.Fold(f.index(),
                    f.train().stream().filter(it -> !hidden.contains(it.request().getId())).toList(), f.heldOut()));
        }
        return out;
    }

    /** Every item of the folds with its votes: the functions' and, when given, the model voters'. */
    public static List<VotedItem> vote(List<PubMedQaFile.Item> items, LabelingFunctions lfs, OutOfFoldVotes models) {
        List<VotedItem> out = new ArrayList<>(items.size());
        for (PubMedQaFile.Item it : items) {
            VoteSet s = lfs.apply(LfInput.of(it.request())).with(models.votes(it.request().getId()));
            out.add(new VotedItem(it, s));
        }
        return out;
    }

    /**
     * One fold's held-out predictions by the selected label model alone, ACCEPT at its nested-calibrated threshold:
     * the row {@code ./medstream crossval} reports beside its naive-Bayes baselines.
     */
    public static List<Prediction> labelModelPredictions(CrossValidationFolds.Fold fold, LabelingFunctions lfs,
            OutOfFoldVotes models, Settings s) {
        Method m = Methods.labelModel(s.labelModel(), voters(lfs, models), s.l2());
        List<VotedItem> train = vote(fold.train(), lfs, models);
        double threshold = nestedThreshold(m, train, s.innerFolds(), new ThresholdCalibrator(s.targetAccuracy(),
                s.minAccepted()), fold.index());
        return predict(m.train(train), vote(fold.heldOut(), lfs, models), threshold);
    }

    /**
     * The labeling functions' analysis (coverage, overlap, conflict, accuracy per rule) over the held-out items of
     * {@code folds}, with the set's hash: what {@code ./medstream crossval} adds to its report.
     */
    public static Map<String, Object> analysis(List<CrossValidationFolds.Fold> folds, LabelingFunctions lfs) {
        List<VotedItem> items = new ArrayList<>();
        for (CrossValidationFolds.Fold f : folds) items.addAll(vote(f.heldOut(), lfs, OutOfFoldVotes.none()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lf_set_hash", lfs.hash());
        m.put("analysis", LfAnalysis.of(lfs.ids(), items.stream().map(VotedItem::votes).toList(),
                items.stream().map(VotedItem::gold).toList()).toMap());
        return m;
    }

    private static List<String> voters(LabelingFunctions lfs, OutOfFoldVotes models) {
        List<String> voters = new ArrayList<>(lfs.ids());
        voters.addAll(models.voters());
        return voters;
    }

    /** Runs every method on every fold. */
    public static LfCrossValidationReport run(List<CrossValidationFolds.Fold> folds, LabelingFunctions lfs,
            OutOfFoldVotes models, Settings s) {
        List<String> voters = voters(lfs, models);
        List<Method> methods = new ArrayList<>();
        for (LabelModel.Kind k : LabelModel.Kind.values()) methods.add(Methods.labelModel(k, voters, s.l2()));
        methods.add(Methods.majorityVote(voters));
        methods.add(Methods.naiveBayesConclusion());
        for (String v : voters) methods.add(Methods.alone(v));

        ThresholdCalibrator calibrator = new ThresholdCalibrator(s.targetAccuracy(), s.minAccepted());
        CrossValidationResults results = new CrossValidationResults();
        Map<String, Map<Integer, Double>> thresholds = new LinkedHashMap<>();
        for (CrossValidationFolds.Fold fold : folds) {
            List<VotedItem> train = vote(fold.train(), lfs, models);
            List<VotedItem> heldOut = vote(fold.heldOut(), lfs, models);
            for (Method m : methods) {
                double threshold = nestedThreshold(m, train, s.innerFolds(), calibrator, fold.index());
                thresholds.computeIfAbsent(m.name(), k -> new LinkedHashMap<>()).put(fold.index(), threshold);
                results.add(fold.index(), m.name(), predict(m.train(train), heldOut, threshold));
            }
        }
        List<VotedItem> all = new ArrayList<>();
        for (CrossValidationFolds.Fold f : folds) all.addAll(vote(f.heldOut(), lfs, models));
        // What the labeler would deploy: the selected model's threshold over all out-of-fold predictions (chosen on
        // the same items it is reported on, so its accuracy is the fit, and the per-fold nested figures the test).
        Calibration pooled = calibrator.calibrate(LABEL_MODEL + s.labelModel().id(), "pqal/trainval out-of-fold",
                outcomes(results.predictions(LABEL_MODEL + s.labelModel().id())));
        LabelModel fitted = s.labelModel().fit(voters, all.stream().map(VotedItem::votes).toList(),
                all.stream().map(VotedItem::gold).toList(), s.l2());
        return new LfCrossValidationReport(s, lfs, models.voters(), results, thresholds, pooled,
                LfAnalysis.of(voters, all.stream().map(VotedItem::votes).toList(), all.stream().map(VotedItem::gold).toList()),
                fitted.weights());
    }

    /**
     * The ACCEPT threshold of a method trained on {@code train}, from its out-of-fold predictions of those items
     * ({@code innerFolds} folds, item i in fold i mod innerFolds); NaN when no threshold reaches the target.
     */
    static double nestedThreshold(Method m, List<VotedItem> train, int innerFolds, ThresholdCalibrator calibrator, int fold) {
        List<Prediction> oof = new ArrayList<>();
        for (int f = 0; f < innerFolds; f++) {
            List<VotedItem> in = new ArrayList<>();
            List<VotedItem> out = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) (i % innerFolds == f ? out : in).add(train.get(i));
            oof.addAll(predict(m.train(in), out, Double.NaN));
        }
        Calibration c = calibrator.calibrate(m.name() + "/fold " + fold, "inner out-of-fold", outcomes(oof));
        return c.reached() ? c.threshold() : Double.NaN;
    }

    private static List<Prediction> predict(Function<VotedItem, double[]> predictor, List<VotedItem> items, double threshold) {
        List<Prediction> out = new ArrayList<>(items.size());
        for (VotedItem it : items) {
            double[] p = predictor.apply(it);
            int best = 0;
            for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
            // NaN threshold: nothing reached the target, so nothing is accepted (the comparison is false).
            out.add(new Prediction(it.id(), it.gold(), Vote.OPTIONS.get(best), p[best], p[best] >= threshold));
        }
        return out;
    }

    private static List<ThresholdCalibrator.Outcome> outcomes(List<Prediction> ps) {
        return ps.stream().map(p -> new ThresholdCalibrator.Outcome(p.confidence(), p.correct())).toList();
    }
}
