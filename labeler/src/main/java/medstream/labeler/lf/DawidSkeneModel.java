package medstream.labeler.lf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.labeler.strategy.Probabilities;

/**
 * The generative label model (Dawid and Skene 1979, as Snorkel uses it): every voter has a confusion matrix
 * P(vote | true class) over the three options plus abstaining, the classes have a prior, and both are learned by EM
 * from the votes alone, without a single gold label. Abstaining is an outcome of its own because labeling functions
 * vote one class only: what tells their accuracy is how much more often they fire on their class than on others.
 *
 * <p>EM starts from the majority vote and adds Dirichlet pseudo-counts ({@value #SMOOTHING} per cell, {@value
 * #DIAGONAL_PRIOR} more where the vote matches the class), which keeps rare cells finite and breaks the label-swap
 * symmetry toward "voters are better than chance". Voters are assumed independent given the class; correlated
 * rules (several negation cues) are then counted more than once, which the discriminative model does not suffer.
 */
public final class DawidSkeneModel implements LabelModel {
    static final double SMOOTHING = 1.0;
    static final double DIAGONAL_PRIOR = 2.0;
    static final int MAX_ITERATIONS = 200;
    static final double TOLERANCE = 1e-7;
    private static final int K = Vote.OPTIONS.size();
    private static final int ABSTAIN = K;

    private final List<String> voters;
    private final double[] logPrior;
    /** [voter][true class][outcome: K options + abstain] = log P(outcome | class). */
    private final double[][][] logConfusion;
    private final int iterations;

    private DawidSkeneModel(List<String> voters, double[] logPrior, double[][][] logConfusion, int iterations) {
        this.voters = List.copyOf(voters);
        this.logPrior = logPrior;
        this.logConfusion = logConfusion;
        this.iterations = iterations;
    }

    /** Runs EM on the items' votes. */
    public static DawidSkeneModel fit(List<String> voters, List<VoteSet> items) {
        int n = items.size();
        int[][] outcomes = new int[n][];
        double[][] posterior = new double[n][];
        for (int i = 0; i < n; i++) {
            outcomes[i] = outcomes(voters, items.get(i));
            posterior[i] = majorityVote(outcomes[i]);
        }
        double[] logPrior = new double[K];
        double[][][] logConfusion = new double[voters.size()][K][K + 1];
        int it = 0;
        for (double change = Double.MAX_VALUE; it < MAX_ITERATIONS && change > TOLERANCE; it++) {
            maximise(outcomes, posterior, logPrior, logConfusion);
            change = 0;
            for (int i = 0; i < n; i++) {
                double[] next = posterior(outcomes[i], logPrior, logConfusion);
                for (int k = 0; k < K; k++) change = Math.max(change, Math.abs(next[k] - posterior[i][k]));
                posterior[i] = next;
            }
        }
        return new DawidSkeneModel(voters, logPrior, logConfusion, it);
    }

    @Override
    public String kind() {
        return Kind.GENERATIVE.id();
    }

    @Override
    public List<String> voters() {
        return voters;
    }

    @Override
    public double[] predict(VoteSet votes) {
        return posterior(outcomes(voters, votes), logPrior, logConfusion);
    }

    /** Per voter: P(vote | class) for the options it uses, and the learned class prior. */
    @Override
    public Map<String, Object> weights() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("em_iterations", iterations);
        m.put("class_prior", perOption(logPrior));
        Map<String, Object> per = new LinkedHashMap<>();
        for (int j = 0; j < voters.size(); j++) {
            Map<String, Object> byClass = new LinkedHashMap<>();
            for (int k = 0; k < K; k++) {
                Map<String, Double> row = new LinkedHashMap<>();
                for (int o = 0; o < K; o++) row.put("votes_" + Vote.OPTIONS.get(o), Math.exp(logConfusion[j][k][o]));
                row.put("abstains", Math.exp(logConfusion[j][k][ABSTAIN]));
                byClass.put("true_" + Vote.OPTIONS.get(k), row);
            }
            per.put(voters.get(j), byClass);
        }
        m.put("confusion", per);
        return m;
    }

    private static Map<String, Double> perOption(double[] logs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < K; k++) m.put(Vote.OPTIONS.get(k), Math.exp(logs[k]));
        return m;
    }

    private static int[] outcomes(List<String> voters, VoteSet votes) {
        int[] o = new int[voters.size()];
        for (int j = 0; j < o.length; j++) {
            int l = votes.vote(voters.get(j)).labelIndex();
            o[j] = l < 0 ? ABSTAIN : l;
        }
        return o;
    }

    private static double[] majorityVote(int[] outcomes) {
        double[] p = new double[K];
        for (int k = 0; k < K; k++) p[k] = SMOOTHING;
        for (int o : outcomes) if (o != ABSTAIN) p[o]++;
        return normalised(p);
    }

    private static void maximise(int[][] outcomes, double[][] posterior, double[] logPrior, double[][][] logConfusion) {
        double[] classMass = new double[K];
        for (double[] p : posterior) for (int k = 0; k < K; k++) classMass[k] += p[k];
        for (int k = 0; k < K; k++) logPrior[k] = Math.log((classMass[k] + SMOOTHING) / (outcomes.length + K * SMOOTHING));
        for (int j = 0; j < logConfusion.length; j++) {
            double[][] counts = new double[K][K + 1];
            for (int k = 0; k < K; k++) {
                for (int o = 0; o <= K; o++) counts[k][o] = SMOOTHING + (o == k ? DIAGONAL_PRIOR : 0);
            }
            for (int i = 0; i < outcomes.length; i++) {
                for (int k = 0; k < K; k++) counts[k][outcomes[i][j]] += posterior[i][k];
            }
            for (int k = 0; k < K; k++) {
                double total = 0;
                for (double c : counts[k]) total += c;
                for (int o = 0; o <= K; o++) logConfusion[j][k][o] = Math.log(counts[k][o] / total);
            }
        }
    }

    private static double[] posterior(int[] outcomes, double[] logPrior, double[][][] logConfusion) {
        double[] s = logPrior.clone();
        for (int j = 0; j < outcomes.length; j++) for (int k = 0; k < K; k++) s[k] += logConfusion[j][k][outcomes[j]];
        return Probabilities.softmax(s);
    }

    private static double[] normalised(double[] p) {
        double sum = 0;
        for (double x : p) sum += x;
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) out[i] = p[i] / sum;
        return out;
    }
}
