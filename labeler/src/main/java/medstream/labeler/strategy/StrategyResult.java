package medstream.labeler.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a strategy concluded for one input.
 *
 * @param strategy      the strategy's name
 * @param options       the options, in the input's order
 * @param probabilities probability of each option (softmax over option log-likelihoods, or votes), sums to 1
 * @param explanations  explanations produced on the way (VoC), already truncated
 * @param templateHash  prompt-template hash of the strategy
 * @param disagreements members whose answer differs (ensemble), empty when the strategies agree
 * @param reviewReasons reasons that force REVIEW whatever the confidence (e.g. NO_LONG_ANSWER)
 * @param votes         the voters' votes that made the result (strategy weak), empty for model-only strategies
 * @param lfSetHash     version of the labeling functions that voted (strategy weak), empty otherwise
 * @param flags         notes on the input that ride along in the result's reason without forcing REVIEW (strategy weak:
 *                      CONCLUSION_NOT_ENGLISH, NO_CONCLUSION, ...), so a label says what its rules could not read
 */
public record StrategyResult(String strategy, List<String> options, double[] probabilities, List<String> explanations,
                             String templateHash, List<String> disagreements, List<String> reviewReasons,
                             List<VoterVote> votes, String lfSetHash, List<String> flags) {

    /**
     * One voter's vote, as lineage of a result.
     *
     * @param voter       labeling-function id or strategy name
     * @param label       the option voted for, null on an abstention
     * @param probability the voter's probability of its label (0 on an abstention)
     * @param reason      what it matched or why it abstained
     */
    public record VoterVote(String voter, String label, double probability, String reason) {}

    /** A result with votes and no flags. */
    public StrategyResult(String strategy, List<String> options, double[] probabilities, List<String> explanations,
                          String templateHash, List<String> disagreements, List<String> reviewReasons,
                          List<VoterVote> votes, String lfSetHash) {
        this(strategy, options, probabilities, explanations, templateHash, disagreements, reviewReasons, votes, lfSetHash, List.of());
    }

    /** A model-only result: no votes, no labeling functions. */
    public StrategyResult(String strategy, List<String> options, double[] probabilities, List<String> explanations,
                          String templateHash, List<String> disagreements, List<String> reviewReasons) {
        this(strategy, options, probabilities, explanations, templateHash, disagreements, reviewReasons, List.of(), "");
    }

    /** Validates and copies. */
    public StrategyResult {
        options = List.copyOf(options);
        probabilities = probabilities.clone();
        if (options.size() != probabilities.length) {
            throw new IllegalArgumentException(options.size() + " options but " + probabilities.length + " probabilities");
        }
        explanations = List.copyOf(explanations);
        disagreements = List.copyOf(disagreements);
        reviewReasons = List.copyOf(reviewReasons);
        votes = List.copyOf(votes);
        lfSetHash = lfSetHash == null ? "" : lfSetHash;
        flags = List.copyOf(flags);
    }

    /** Index of the most probable option (the first one on a tie). */
    public int best() {
        int b = 0;
        for (int i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[b]) b = i;
        return b;
    }

    /** The chosen option. */
    public String label() {
        return options.get(best());
    }

    /** The chosen option's probability. */
    public double confidence() {
        return probabilities[best()];
    }

    /** True when no member disagreed. */
    public boolean agree() {
        return disagreements.isEmpty();
    }

    /** Probability per option, in option order. */
    public Map<String, Double> scoreMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < options.size(); i++) m.put(options.get(i), probabilities[i]);
        return m;
    }
}
