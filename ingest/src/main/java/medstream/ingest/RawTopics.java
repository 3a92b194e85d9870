package medstream.ingest;

import java.util.List;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.TopicContract;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which raw topic of the catalog a parsed record goes to: decided by its type, one topic per record type, among the
 * topics ingestion's {@link #CONTRACT} declares.
 */
public final class RawTopics {
    /** What ingestion writes: the five raw topics and the dead-letter topic (it reads files, no topic). */
    public static final TopicContract CONTRACT = new TopicContract("ingest", List.of(),
            List.of(TopicCatalog::rawDocuments, TopicCatalog::rawKgTriplets, TopicCatalog::rawExamQuestions,
                    TopicCatalog::rawQaPairs, TopicCatalog::rawPubMedQa, TopicCatalog::dlq));

    private RawTopics() { }

    /**
     * The topic for a record: the declared output whose value type it is.
     *
     * @throws IllegalArgumentException for a type that has no raw topic (an adapter bug)
     */
    @SuppressWarnings("unchecked")
    public static Topic<String, SpecificRecord> of(SpecificRecord value, TopicCatalog catalog) {
        for (Topic<String, ?> t : CONTRACT.outputs(catalog)) {
            if (t.logicalName().startsWith("raw.") && t.valueType().isInstance(value)) {
                return (Topic<String, SpecificRecord>) t;
            }
        }
        throw new IllegalArgumentException("No raw topic for " + value.getClass().getName()
                + "; ingestion produces RawDocument, KgTriplet, ExamQuestion, QaPair and PubMedQaItem only");
    }

    /** Every topic ingestion writes to: the five raw topics and the dead-letter topic. */
    public static List<Topic<String, ?>> all(TopicCatalog catalog) {
        return CONTRACT.outputs(catalog);
    }
}
