package medstream.labeler;

import java.util.List;
import medstream.topics.TopicCatalog;
import medstream.topics.TopicContract;

/** The labeler's topics, declared once: its workers, model follower and calibration take them from here. */
public final class LabelerTopics {
    /**
     * Reads requests, the model versions to follow and the evaluation items to calibrate on; writes every result,
     * REVIEW results again (to label.review) and dead letters.
     */
    public static final TopicContract CONTRACT = new TopicContract("labeler",
            List.of(TopicCatalog::labelRequests, TopicCatalog::modelVersions, TopicCatalog::evalItems),
            List.of(TopicCatalog::labelResults, TopicCatalog::labelReview, TopicCatalog::dlq));

    private LabelerTopics() { }
}
