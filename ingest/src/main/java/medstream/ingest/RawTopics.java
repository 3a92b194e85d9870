package medstream.ingest;

import java.util.List;
import medstream.contracts.ExamQuestion;
import medstream.contracts.KgTriplet;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.QaPair;
import medstream.contracts.RawDocument;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import org.apache.avro.specific.SpecificRecord;

/** Which raw topic of the catalog a parsed record goes to: decided by its type, one topic per record type. */
public final class RawTopics {
    private RawTopics() { }

    /**
     * The topic for a record.
     *
     * @throws IllegalArgumentException for a type that has no raw topic (an adapter bug)
     */
    @SuppressWarnings("unchecked")
    public static Topic<String, SpecificRecord> of(SpecificRecord value, TopicCatalog catalog) {
        Topic<String, ?> t;
        if (value instanceof RawDocument) {
            t = catalog.rawDocuments();
        } else if (value instanceof KgTriplet) {
            t = catalog.rawKgTriplets();
        } else if (value instanceof ExamQuestion) {
            t = catalog.rawExamQuestions();
        } else if (value instanceof QaPair) {
            t = catalog.rawQaPairs();
        } else if (value instanceof PubMedQaItem) {
            t = catalog.rawPubMedQa();
        } else {
            throw new IllegalArgumentException("No raw topic for " + value.getClass().getName()
                    + "; ingestion produces RawDocument, KgTriplet, ExamQuestion, QaPair and PubMedQaItem only");
        }
        return (Topic<String, SpecificRecord>) t;
    }

    /** Every topic ingestion writes to: the five raw topics and the dead-letter topic. */
    public static List<Topic<String, ?>> all(TopicCatalog catalog) {
        return List.of(catalog.rawDocuments(), catalog.rawKgTriplets(), catalog.rawExamQuestions(),
                catalog.rawQaPairs(), catalog.rawPubMedQa(), catalog.dlq());
    }
}
