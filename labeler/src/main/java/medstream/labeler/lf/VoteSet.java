package medstream.labeler.lf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every vote cast on one item, and the reasons that made voters abstain as a whole (no conclusion, not English,
 * ...). A set where everyone abstained is still a set: the label model then answers with its class prior, and the
 * reasons say why.
 *
 * @param itemId  the item's id
 * @param votes   one vote per voter, in voter order
 * @param reasons item-level reason codes (see {@link LfInput}), empty when the input was usable as it came
 */
public record VoteSet(String itemId, List<Vote> votes, List<String> reasons) {
    /** Copies. */
    public VoteSet {
        votes = List.copyOf(votes);
        reasons = List.copyOf(reasons);
    }

    /** The vote of {@code voter}, or an abstention when it did not vote on this item. */
    public Vote vote(String voter) {
        for (Vote v : votes) if (v.voter().equals(voter)) return v;
        return Vote.abstain(voter, "NOT_RUN");
    }

    /** This set plus more votes (model voters joining the labeling functions). */
    public VoteSet with(List<Vote> more) {
        List<Vote> all = new ArrayList<>(votes);
        all.addAll(more);
        return new VoteSet(itemId, all, reasons);
    }

    /** The voters that did not abstain. */
    public long nonAbstaining() {
        return votes.stream().filter(v -> !v.abstained()).count();
    }

    /** For lineage: voter -> label (null = abstained). */
    public Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Vote v : votes) m.put(v.voter(), v.label());
        return m;
    }
}
