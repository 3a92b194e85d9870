package medstream.labeler.lf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Snorkel's labeling-function analysis over a set of items with gold: per voter its coverage (share of items it
 * votes on), overlap (it votes and another voter does too), conflict (it votes and another voter votes otherwise),
 * accuracy where it votes, and the labels it gives; over the set, the share of items with at least one vote.
 *
 * @param items    items analysed
 * @param coverage share of items with at least one non-abstaining voter
 * @param voters   one row per voter, in voter order
 */
public record LfAnalysis(int items, double coverage, List<VoterStats> voters) {

    /**
     * One voter's figures.
     *
     * @param voter    the voter's id
     * @param coverage share of items it votes on
     * @param overlap  share of items it votes on with at least one other voter voting
     * @param conflict share of items it votes on where another voter votes a different label
     * @param accuracy accuracy where it votes (NaN when it never votes)
     * @param labels   its votes by label
     */
    public record VoterStats(String voter, double coverage, double overlap, double conflict, double accuracy,
                             Map<String, Integer> labels) {
        /** JSON-ready. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("voter", voter);
            m.put("coverage", coverage);
            m.put("overlap", overlap);
            m.put("conflict", conflict);
            m.put("accuracy", Double.isNaN(accuracy) ? null : accuracy);
            m.put("labels", labels);
            return m;
        }
    }

    /**
     * Analyses the votes of {@code voters} on items with gold.
     *
     * @throws IllegalArgumentException when there is not one gold label per item
     */
    public static LfAnalysis of(List<String> voters, List<VoteSet> items, List<String> gold) {
        if (items.size() != gold.size() || items.isEmpty()) {
            throw new IllegalArgumentException("the analysis needs one gold label per item and at least one item, got "
                    + items.size() + " items and " + gold.size() + " labels");
        }
        int n = items.size();
        int anyVote = 0;
        for (VoteSet s : items) if (voters.stream().anyMatch(v -> !s.vote(v).abstained())) anyVote++;
        List<VoterStats> rows = new ArrayList<>();
        for (String voter : voters) {
            int votes = 0;
            int overlaps = 0;
            int conflicts = 0;
            int right = 0;
            Map<String, Integer> labels = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                Vote mine = items.get(i).vote(voter);
                if (mine.abstained()) continue;
                votes++;
                labels.merge(mine.label(), 1, Integer::sum);
                if (mine.label().equals(gold.get(i))) right++;
                boolean overlap = false;
                boolean conflict = false;
                for (String other : voters) {
                    Vote o = items.get(i).vote(other);
                    if (other.equals(voter) || o.abstained()) continue;
                    overlap = true;
                    conflict |= !o.label().equals(mine.label());
                }
                if (overlap) overlaps++;
                if (conflict) conflicts++;
            }
            rows.add(new VoterStats(voter, (double) votes / n, (double) overlaps / n, (double) conflicts / n,
                    votes == 0 ? Double.NaN : (double) right / votes, labels));
        }
        return new LfAnalysis(n, (double) anyVote / n, rows);
    }

    /** JSON-ready: items, coverage and the rows. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("coverage", coverage);
        m.put("voters", voters.stream().map(VoterStats::toMap).toList());
        return m;
    }
}
