package medstream.experiments.lf;

import medstream.labeler.lf.VoteSet;
import medstream.labeler.offline.PubMedQaFile;

/**
 * A gold PQA-L item with every vote cast on it.
 *
 * @param item  the item (request and gold label)
 * @param votes the labeling functions' votes, plus model voters' when given
 */
public record VotedItem(PubMedQaFile.Item item, VoteSet votes) {
    /** The item's id. */
    public String id() {
        return item.request().getId();
    }

    /** The expert label. */
    public String gold() {
        return item.gold();
    }
}
