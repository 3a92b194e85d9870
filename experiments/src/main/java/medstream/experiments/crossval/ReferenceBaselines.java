package medstream.experiments.crossval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import medstream.experiments.lf.LfCrossValidation;
import medstream.experiments.lf.OutOfFoldVotes;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.eval.Prediction;
import medstream.labeler.lf.PubMedQaLfs;
import medstream.labeler.offline.PubMedQaFile;

/**
 * The reference baselines of a cross-validation run: classifiers without a language model, trained per fold on the
 * fold's training items only and scored on its held-out items, so that the labeler's strategies can be read against
 * what 450 items teach at all. They are not labeler strategies and are reported apart from them.
 *
 * <p>A baseline's confidence is its probability of the label it gives (the posterior maximum; for the majority class,
 * that class's share of the training items), and it counts as ACCEPTed where that reaches the labeler's threshold, so
 * ECE, ACCEPT share and the coverage curve mean what they mean for a strategy.
 */
public final class ReferenceBaselines {
    /** Always the most frequent gold class of the fold's training items. */
    static final String MAJORITY = "majority-class";
    /** The labeler's labeling functions and label model (medstream.labeler.lf), trained on the fold's gold items. */
    static final String LF_LABEL_MODEL = "lf-label-model";

    private ReferenceBaselines() {}

    /** What a naive Bayes baseline reads of an item (one baseline each). */
    public enum Input {
        /** The {@code long-answer} strategy's input. */
        QUESTION_CONCLUSION("nb-question+conclusion", "question + LONG_ANSWER conclusion (what long-answer sees)",
                it -> List.of(it.request().getQuestion(), nullToEmpty(it.request().getLongAnswer()))),
        /**
         * The conclusion alone: the question's words are mostly topic, not verdict, and can dilute the conclusion's
         * cue words ("not", "no significant"); this row shows what the conclusion carries by itself (when written, it
         * scored above question + conclusion).
         */
        CONCLUSION("nb-conclusion", "LONG_ANSWER conclusion alone",
                it -> List.of(nullToEmpty(it.request().getLongAnswer()))),
        /** The {@code ppl} and {@code voc} strategies' input. */
        QUESTION_CONTEXTS("nb-question+contexts", "question + abstract contexts (what ppl and voc see)", it -> {
            List<String> parts = new ArrayList<>();
            parts.add(it.request().getQuestion());
            parts.addAll(it.request().getContexts());
            return parts;
        });

        final String baseline;
        final String description;
        private final Function<PubMedQaFile.Item, List<String>> parts;

        Input(String baseline, String description, Function<PubMedQaFile.Item, List<String>> parts) {
            this.baseline = baseline;
            this.description = description;
            this.parts = parts;
        }

        /** The texts of an item this input reads, each a separate passage. */
        List<String> parts(PubMedQaFile.Item it) {
            return parts.apply(it);
        }

        String text(PubMedQaFile.Item it) {
            return String.join("\n", parts(it));
        }
    }

    /** Baseline name to what it is, for the report. */
    static Map<String, String> descriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(MAJORITY, "the most frequent gold class of the fold's training items, confidence = its training share");
        for (Input in : Input.values()) {
            out.put(in.baseline, "multinomial naive Bayes over lower-cased word unigrams + bigrams (Laplace alpha "
                    + BagOfWordsNaiveBayes.LAPLACE + ", log priors) of the " + in.description);
        }
        LfCrossValidation.Settings lf = LfCrossValidation.Settings.defaults();
        out.put(LF_LABEL_MODEL, String.format(Locale.ROOT, "the labeling functions of medstream.labeler.lf (set %s) combined by "
                + "the %s label model trained on the fold's training items; ACCEPT at the threshold a nested %d-fold "
                + "calibration on those items gives (Wilson lower bound >= %.2f), not the labeler's fixed threshold",
                PubMedQaLfs.defaults().hash(), lf.labelModel().id(), lf.innerFolds(), lf.targetAccuracy()));
        return out;
    }

    /**
     * Trains every baseline on the fold's training items and adds its predictions of the held-out items.
     *
     * @param threshold the labeler's ACCEPT threshold, applied to the baselines' confidence
     * @throws IllegalStateException when a held-out text is among the texts a baseline would train on
     */
    static void evaluate(CrossValidationFolds.Fold fold, double threshold, CrossValidationResults into) {
        into.add(fold.index(), MAJORITY, majority(fold, threshold));
        List<String> heldOutTexts = FoldTasks.distinctiveTexts(fold.heldOut());
        for (Input in : Input.values()) into.add(fold.index(), in.baseline, naiveBayes(fold, in, heldOutTexts, threshold));
        into.add(fold.index(), LF_LABEL_MODEL, LfCrossValidation.labelModelPredictions(fold, PubMedQaLfs.defaults(),
                OutOfFoldVotes.none(), LfCrossValidation.Settings.defaults()));
    }

    static List<Prediction> naiveBayes(CrossValidationFolds.Fold fold, Input input, List<String> heldOutTexts,
            double threshold) {
        List<String> texts = new ArrayList<>(fold.train().size());
        List<String> labels = new ArrayList<>(fold.train().size());
        List<String> passages = new ArrayList<>();
        for (PubMedQaFile.Item it : fold.train()) {
            passages.addAll(input.parts(it));
            texts.add(input.text(it));
            labels.add(it.gold());
        }
        // The fold itself already refused shared ids and questions; this catches a held-out passage under another item.
        CrossValidationFolds.requireDisjoint("the " + input.baseline + " training texts of fold " + fold.index(),
                heldOutTexts, passages);
        BagOfWordsNaiveBayes nb = BagOfWordsNaiveBayes.train(texts, labels, BagOfWordsNaiveBayes.LAPLACE);
        List<Prediction> out = new ArrayList<>(fold.heldOut().size());
        for (PubMedQaFile.Item it : fold.heldOut()) {
            BagOfWordsNaiveBayes.Posterior p = nb.classify(input.text(it));
            out.add(new Prediction(it.request().getId(), it.gold(), p.label(), p.confidence(), p.confidence() >= threshold));
        }
        return out;
    }

    static List<Prediction> majority(CrossValidationFolds.Fold fold, double threshold) {
        Map<String, Integer> counts = new TreeMap<>();
        fold.train().forEach(it -> counts.merge(it.gold(), 1, Integer::sum));
        if (counts.isEmpty()) throw new IllegalArgumentException("fold " + fold.index() + " has no training items");
        // TreeMap order: on a tie the first class in sorted order wins, as in the naive Bayes.
        String label = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) if (label == null || e.getValue() > counts.get(label)) label = e.getKey();
        double share = (double) counts.get(label) / fold.train().size();
        List<Prediction> out = new ArrayList<>(fold.heldOut().size());
        for (PubMedQaFile.Item it : fold.heldOut()) {
            out.add(new Prediction(it.request().getId(), it.gold(), label, share, share >= threshold));
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
