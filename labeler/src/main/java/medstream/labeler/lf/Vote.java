package medstream.labeler.lf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.labeler.strategy.StrategyResult;

/**
 * One voter's say on one item: a label with a probability per option, or an abstention with the reason for it.
 * Labeling functions give hard votes (probability 1 on their label); model strategies give their softmax, so a
 * label model can weigh a confident model vote above a hesitant one.
 *
 * @param voter         the voter's id (a labeling function's id, or a strategy name)
 * @param label         the option voted for, or null when the voter abstains
 * @param probabilities probability per option of {@link #OPTIONS}, in that order (all zero on an abstention)
 * @param reason        why the voter abstained or what it matched, for lineage; never null
 */
public record Vote(String voter, String label, double[] probabilities, String reason) {
    /** The options every vote is spoken over, in the order of {@link #probabilities}. */
    public static final List<String> OPTIONS = List.of("yes", "no", "maybe");

    /** Validates and copies. */
    public Vote {
        probabilities = probabilities.clone();
        if (probabilities.length != OPTIONS.size()) {
            throw new IllegalArgumentException("a vote of " + voter + " needs one probability per option " + OPTIONS
                    + ", got " + probabilities.length);
        }
        if (label != null && !OPTIONS.contains(label)) {
            throw new IllegalArgumentException(voter + " voted '" + label + "', which is none of " + OPTIONS);
        }
        reason = reason == null ? "" : reason;
    }

    /** A hard vote for {@code label}. */
    public static Vote of(String voter, String label, String reason) {
        double[] p = new double[OPTIONS.size()];
        int i = OPTIONS.indexOf(label);
        if (i < 0) throw new IllegalArgumentException(voter + " voted '" + label + "', which is none of " + OPTIONS);
        p[i] = 1;
        return new Vote(voter, label, p, reason);
    }

    /** No vote, and why. */
    public static Vote abstain(String voter, String reason) {
        return new Vote(voter, null, new double[OPTIONS.size()], reason);
    }

    /**
     * A model strategy's result as a vote: its probabilities moved to {@link #OPTIONS} order (an option the request
     * did not offer gets 0), its label the most probable option. A result that forces review (no conclusion for
     * long-answer, ...) abstains with those reasons: what the model said then is no evidence.
     */
    public static Vote fromStrategy(StrategyResult result) {
        if (!result.reviewReasons().isEmpty()) return abstain(result.strategy(), String.join(",", result.reviewReasons()));
        double[] p = new double[OPTIONS.size()];
        for (int i = 0; i < result.options().size(); i++) {
            int j = OPTIONS.indexOf(result.options().get(i));
            if (j >= 0) p[j] = result.probabilities()[i];
        }
        return fromProbabilities(result.strategy(), p);
    }

    /** A soft vote from probabilities in {@link #OPTIONS} order (normalised here); all zero or NaN abstains. */
    public static Vote fromProbabilities(String voter, double[] probabilities) {
        double sum = 0;
        for (double x : probabilities) sum += x;
        if (!(sum > 0) || Double.isInfinite(sum)) return abstain(voter, "NO_PROBABILITIES");
        double[] p = new double[probabilities.length];
        int best = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = probabilities[i] / sum;
            if (p[i] > p[best]) best = i;
        }
        return new Vote(voter, OPTIONS.get(best), p, "");
    }

    /** True when the voter gave no label. */
    public boolean abstained() {
        return label == null;
    }

    /** Index of the label in {@link #OPTIONS}, -1 on an abstention. */
    public int labelIndex() {
        return label == null ? -1 : OPTIONS.indexOf(label);
    }

    /** For lineage and JSON: voter, label (or null), probability of the label, reason. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("voter", voter);
        m.put("label", label);
        m.put("probability", label == null ? null : probabilities[labelIndex()]);
        if (!reason.isEmpty()) m.put("reason", reason);
        return m;
    }
}
