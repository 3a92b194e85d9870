package medstream.labeler.lf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.labeler.strategy.Probabilities;

/**
 * The discriminative label model: multinomial logistic regression from the votes to the gold class, trained on
 * labeled items (a fold's training items). Its features are every voter's probability vector over {@link
 * Vote#OPTIONS} (one-hot for a labeling function's hard vote, zeros when it abstains, the softmax of a model
 * strategy), plus a bias, so it learns how much each voter's word is worth for each class, including that
 * correlated rules should not be counted twice and that a rule voting "maybe" may in truth point elsewhere.
 *
 * <p>Full-batch gradient descent on mean cross-entropy + {@code l2}/2 * |W|^2 (the bias unpenalised), from zero,
 * for a fixed number of steps: deterministic, and with ~60 features on ~450 items it converges in well under a
 * second.
 */
public final class LogisticLabelModel implements LabelModel {
    /** The L2 strength used unless a caller sets another (chosen on fold 0's training items by inner CV). */
    public static final double DEFAULT_L2 = 0.01;
    static final int STEPS = 1500;
    static final double LEARNING_RATE = 0.5;
    private static final int K = Vote.OPTIONS.size();

    private final List<String> voters;
    /** [feature (voter j, option o at j*K+o; bias last)][class]. */
    private final double[][] w;
    private final double l2;

    private LogisticLabelModel(List<String> voters, double[][] w, double l2) {
        this.voters = List.copyOf(voters);
        this.w = w;
        this.l2 = l2;
    }

    /**
     * Fits on labeled items.
     *
     * @throws IllegalArgumentException when sizes differ or a gold label is none of {@link Vote#OPTIONS}
     */
    public static LogisticLabelModel fit(List<String> voters, List<VoteSet> items, List<String> gold, double l2) {
        if (items.size() != gold.size() || items.isEmpty()) {
            throw new IllegalArgumentException("the discriminative label model needs one gold label per item and at least"
                    + " one item, got " + items.size() + " items and " + gold.size() + " labels");
        }
        int n = items.size();
        int f = voters.size() * K + 1;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = features(voters, items.get(i));
            y[i] = Vote.OPTIONS.indexOf(gold.get(i));
            if (y[i] < 0) throw new IllegalArgumentException("gold label '" + gold.get(i) + "' of " + items.get(i).itemId()
                    + " is none of " + Vote.OPTIONS);
        }
        double[][] w = new double[f][K];
        double[][] grad = new double[f][K];
        for (int step = 0; step < STEPS; step++) {
            for (double[] g : grad) Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                double[] p = Probabilities.softmax(scores(w, x[i]));
                p[y[i]] -= 1; // d(cross-entropy)/d(score) = p - onehot(y)
                for (int a = 0; a < f; a++) {
                    if (x[i][a] == 0) continue;
                    for (int k = 0; k < K; k++) grad[a][k] += x[i][a] * p[k];
                }
            }
            for (int a = 0; a < f; a++) {
                for (int k = 0; k < K; k++) {
                    double penalty = a == f - 1 ? 0 : l2 * w[a][k];
                    w[a][k] -= LEARNING_RATE * (grad[a][k] / n + penalty);
                }
            }
        }
        return new LogisticLabelModel(voters, w, l2);
    }

    @Override
    public String kind() {
        return Kind.DISCRIMINATIVE.id();
    }

    @Override
    public List<String> voters() {
        return voters;
    }

    @Override
    public double[] predict(VoteSet votes) {
        return Probabilities.softmax(scores(w, features(voters, votes)));
    }

    /** Per voter and option it can vote: the weight that vote adds to each class's score; the bias; l2. */
    @Override
    public Map<String, Object> weights() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("l2", l2);
        m.put("bias", row(w[w.length - 1]));
        Map<String, Object> per = new LinkedHashMap<>();
        for (int j = 0; j < voters.size(); j++) {
            Map<String, Object> byVote = new LinkedHashMap<>();
            for (int o = 0; o < K; o++) {
                double[] r = w[j * K + o];
                if (r[0] != 0 || r[1] != 0 || r[2] != 0) byVote.put("votes_" + Vote.OPTIONS.get(o), row(r));
            }
            per.put(voters.get(j), byVote);
        }
        m.put("weights", per);
        return m;
    }

    private static Map<String, Double> row(double[] r) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < K; k++) m.put(Vote.OPTIONS.get(k), r[k]);
        return m;
    }

    private static double[] features(List<String> voters, VoteSet votes) {
        double[] x = new double[voters.size() * K + 1];
        for (int j = 0; j < voters.size(); j++) {
            double[] p = votes.vote(voters.get(j)).probabilities();
            System.arraycopy(p, 0, x, j * K, K);
        }
        x[x.length - 1] = 1;
        return x;
    }

    private static double[] scores(double[][] w, double[] x) {
        double[] s = new double[K];
        for (int a = 0; a < x.length; a++) {
            if (x[a] == 0) continue;
            for (int k = 0; k < K; k++) s[k] += x[a] * w[a][k];
        }
        return s;
    }
}
