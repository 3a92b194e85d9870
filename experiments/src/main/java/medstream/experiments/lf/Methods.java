package medstream.experiments.lf;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import medstream.experiments.crossval.BagOfWordsNaiveBayes;
import medstream.labeler.lf.LabelModel;
import medstream.labeler.lf.Vote;

/** The rows of the weak-supervision cross-validation: label models and what they are measured against. */
final class Methods {
    private Methods() {}

    /** A label model of {@code kind} over {@code voters} ({@code l2}: the discriminative model's L2 strength). */
    static Method labelModel(LabelModel.Kind kind, List<String> voters, double l2) {
        return named("label-model-" + kind.id(), train -> {
            LabelModel m = kind.fit(voters, train.stream().map(VotedItem::votes).toList(),
                    train.stream().map(VotedItem::gold).toList(), l2);
            return it -> m.predict(it.votes());
        });
    }

    /**
     * Unweighted vote counting over {@code voters} (Snorkel's majority-vote baseline); an item with no vote, or a
     * tie broken by it, falls back to the training items' class shares.
     */
    static Method majorityVote(List<String> voters) {
        return named("majority-vote", train -> {
            double[] prior = classShares(train);
            return it -> {
                double[] p = new double[Vote.OPTIONS.size()];
                for (String v : voters) {
                    int l = it.votes().vote(v).labelIndex();
                    if (l >= 0) p[l]++;
                }
                // The prior only breaks ties and fills empty rows: it is smaller than one vote.
                for (int k = 0; k < p.length; k++) p[k] += prior[k] * 0.5;
                return normalised(p);
            };
        });
    }

    /** One voter alone: its probabilities where it votes, the training class shares where it abstains. */
    static Method alone(String voter) {
        return named(voter, train -> {
            double[] prior = classShares(train);
            return it -> {
                Vote v = it.votes().vote(voter);
                return v.abstained() ? prior : v.probabilities();
            };
        });
    }

    /** The cross-validation's naive-Bayes reference over the conclusion (nb-conclusion of {@code crossval}). */
    static Method naiveBayesConclusion() {
        return named("nb-conclusion", train -> {
            BagOfWordsNaiveBayes nb = BagOfWordsNaiveBayes.train(train.stream().map(Methods::conclusion).toList(),
                    train.stream().map(VotedItem::gold).toList(), BagOfWordsNaiveBayes.LAPLACE);
            return it -> {
                Map<String, Double> post = nb.classify(conclusion(it)).probabilities();
                double[] p = new double[Vote.OPTIONS.size()];
                for (int k = 0; k < p.length; k++) p[k] = post.getOrDefault(Vote.OPTIONS.get(k), 0.0);
                return p;
            };
        });
    }

    private static String conclusion(VotedItem it) {
        CharSequence a = it.item().request().getLongAnswer();
        return a == null ? "" : a.toString();
    }

    static double[] classShares(List<VotedItem> items) {
        double[] p = new double[Vote.OPTIONS.size()];
        for (VotedItem it : items) p[Vote.OPTIONS.indexOf(it.gold())]++;
        return normalised(p);
    }

    private static double[] normalised(double[] p) {
        double sum = 0;
        for (double x : p) sum += x;
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) out[k] = sum > 0 ? p[k] / sum : 1.0 / p.length;
        return out;
    }

    private static Method named(String name, Function<List<VotedItem>, Function<VotedItem, double[]>> train) {
        return new Method() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Function<VotedItem, double[]> train(List<VotedItem> items) {
                return train.apply(items);
            }
        };
    }
}
