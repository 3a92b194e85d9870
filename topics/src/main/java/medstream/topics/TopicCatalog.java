package medstream.topics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import medstream.contracts.CleanDocument;
import medstream.contracts.CleanReject;
import medstream.contracts.CorpusText;
import medstream.contracts.DeadLetter;
import medstream.contracts.EvalItem;
import medstream.contracts.EvalResult;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Instruction;
import medstream.contracts.KgTriplet;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.McqTask;
import medstream.contracts.ModelVersion;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.QaPair;
import medstream.contracts.RawDocument;
import medstream.contracts.TrainTrigger;
import medstream.topics.Topic.Cleanup;
import medstream.topics.serde.AvroSerdes;
import medstream.topics.serde.RecordIdKeys;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic medstream uses, declared once: name (with a configurable prefix, default
 * {@value #DEFAULT_PREFIX}), partitions, cleanup policy, key serde and value serde.
 *
 * <p>Keys are strings (stable record ids); values are Avro records in the Confluent wire format,
 * registered under TopicNameStrategy subjects ({@code <topic>-value}). Serdes are created per
 * catalog instance and configured with {@code schema.registry.url}, so tests can use a private
 * {@code mock://scope} registry without sharing static state.
 */
public final class TopicCatalog {
    /** Default prefix of every topic name. */
    public static final String DEFAULT_PREFIX = "medstream.";
    /** Partitions of the data topics: two cores here, more in a real deployment (config). */
    public static final int DEFAULT_PARTITIONS = 2;
    /**
     * The persisted schema registry's journal (compacted, one partition): Confluent's default
     * {@code kafkastore.topic}, unprefixed because a cluster has one registry, whatever prefix its topics use.
     */
    public static final String SCHEMAS_TOPIC = "_schemas";

    private final String prefix;
    private final Map<String, ?> serdeConfig;
    private final List<Topic<String, ?>> all = new ArrayList<>();

    private static final String RAW_PREFIX = "raw.";

    private final Topic<String, RawDocument> rawDocuments;
    private final Topic<String, KgTriplet> rawKgTriplets;
    private final Topic<String, ExamQuestion> rawExamQuestions;
    private final Topic<String, QaPair> rawQaPairs;
    private final Topic<String, PubMedQaItem> rawPubMedQa;
    private final Topic<String, CleanDocument> cleanDocuments;
    private final Topic<String, CleanReject> cleanRejects;
    private final Topic<String, CleanReject> stageRejects;
    private final Topic<String, CorpusText> stage1Corpus;
    private final Topic<String, Instruction> stage2Instructions;
    private final Topic<String, McqTask> stage3Tasks;
    private final Topic<String, EvalItem> evalItems;
    private final Topic<String, LabelRequest> labelRequests;
    private final Topic<String, LabelResult> labelResults;
    private final Topic<String, LabelResult> labelReview;
    private final Topic<String, TrainTrigger> trainTriggers;
    private final Topic<String, ModelVersion> modelVersions;
    private final Topic<String, EvalResult> modelEvals;
    private final Topic<String, DeadLetter> dlq;

    /**
     * @param prefix      prefix of every topic name, e.g. {@code medstream.}
     * @param partitions  partitions of the data topics
     * @param serdeConfig serde configuration; must contain {@code schema.registry.url}
     */
    public TopicCatalog(String prefix, int partitions, Map<String, ?> serdeConfig) {
        this.prefix = prefix;
        this.serdeConfig = Map.copyOf(serdeConfig);
        int p = partitions;
        rawDocuments = add("raw.documents", p, Cleanup.DELETE, RawDocument.class);
        rawKgTriplets = add("raw.kg-triplets", p, Cleanup.DELETE, KgTriplet.class);
        rawExamQuestions = add("raw.exam-questions", p, Cleanup.DELETE, ExamQuestion.class);
        rawQaPairs = add("raw.qa-pairs", p, Cleanup.DELETE, QaPair.class);
        rawPubMedQa = add("raw.pubmedqa", p, Cleanup.DELETE, PubMedQaItem.class);
        cleanDocuments = add("clean.documents", p, Cleanup.DELETE, CleanDocument.class);
        cleanRejects = add("clean.rejects", p, Cleanup.DELETE, CleanReject.class);
        stageRejects = add("stage.rejects", p, Cleanup.DELETE, CleanReject.class);
        stage1Corpus = add("stage1.corpus", p, Cleanup.DELETE, CorpusText.class);
        stage2Instructions = add("stage2.instructions", p, Cleanup.DELETE, Instruction.class);
        stage3Tasks = add("stage3.tasks", p, Cleanup.DELETE, McqTask.class);
        evalItems = add("eval.items", 1, Cleanup.COMPACT, EvalItem.class);
        labelRequests = add("label.requests", p, Cleanup.DELETE, LabelRequest.class);
        // Compacted: a request labeled again (a new model version) is a new version of its label under the same key.
        labelResults = add("label.results", p, Cleanup.COMPACT, LabelResult.class);
        labelReview = add("label.review", p, Cleanup.DELETE, LabelResult.class);
        trainTriggers = add("train.triggers", 1, Cleanup.DELETE, TrainTrigger.class);
        modelVersions = add("model.versions", 1, Cleanup.COMPACT, ModelVersion.class);
        modelEvals = add("model.evals", 1, Cleanup.DELETE, EvalResult.class);
        dlq = add("dlq", 1, Cleanup.DELETE, DeadLetter.class);
    }

    /** A catalog with the default prefix and partitions against the given registry URL. */
    public static TopicCatalog withRegistry(String registryUrl) {
        return new TopicCatalog(DEFAULT_PREFIX, DEFAULT_PARTITIONS, AvroSerdes.config(registryUrl));
    }

    private <V extends SpecificRecord> Topic<String, V> add(String logical, int partitions, Cleanup cleanup,
                                                             Class<V> valueType) {
        // Raw records are keyed by their stable id, and a keyless one cannot be curated safely (see RecordIdKeys).
        Serde<String> keySerde = logical.startsWith(RAW_PREFIX) ? RecordIdKeys.serde() : Serdes.String();
        Serde<V> valueSerde = AvroSerdes.specific(valueType, false, serdeConfig);
        Topic<String, V> t = new Topic<>(logical, prefix + logical, partitions, cleanup, keySerde, valueSerde, valueType);
        all.add(t);
        return t;
    }

    public String prefix() { return prefix; }
    /** The serde configuration this catalog was built with (schema.registry.url ...). */
    public Map<String, ?> serdeConfig() { return serdeConfig; }
    /** Every topic, in declaration order. */
    public List<Topic<String, ?>> all() { return Collections.unmodifiableList(all); }

    /** Looks a topic up by its full name. */
    public Optional<Topic<String, ?>> byName(String fullName) {
        return all.stream().filter(t -> t.name().equals(fullName)).findFirst();
    }

    /** Topic names by logical name, for summaries. */
    public Map<String, String> names() {
        Map<String, String> m = new HashMap<>();
        all.forEach(t -> m.put(t.logicalName(), t.name()));
        return m;
    }

    /** Raw text documents (books, abstracts, definitions, QA answers) before cleaning. */
    public Topic<String, RawDocument> rawDocuments() { return rawDocuments; }
    /** Knowledge-graph triplets. */
    public Topic<String, KgTriplet> rawKgTriplets() { return rawKgTriplets; }
    /** Multiple-choice exam questions. */
    public Topic<String, ExamQuestion> rawExamQuestions() { return rawExamQuestions; }
    /** Free-text question/answer pairs. */
    public Topic<String, QaPair> rawQaPairs() { return rawQaPairs; }
    /** PubMedQA items of every subset. */
    public Topic<String, PubMedQaItem> rawPubMedQa() { return rawPubMedQa; }
    /** Cleaned documents. */
    public Topic<String, CleanDocument> cleanDocuments() { return cleanDocuments; }
    /** Documents rejected by a cleaning policy, with reason. */
    public Topic<String, CleanReject> cleanRejects() { return cleanRejects; }
    /**
     * Raw records the knowledge app read and chose not to keep (an unanswered QA pair, a stage record overlapping an
     * evaluation item), with reason: the knowledge app's {@link #cleanRejects()}. Records it could not read go to
     * {@link #dlq()}.
     */
    public Topic<String, CleanReject> stageRejects() { return stageRejects; }
    /** Stage 1 (knowledge injection) corpus. */
    public Topic<String, CorpusText> stage1Corpus() { return stage1Corpus; }
    /** Stage 2 (instruction tuning) records. */
    public Topic<String, Instruction> stage2Instructions() { return stage2Instructions; }
    /** Stage 3 (multiple-choice task adaptation) records. */
    public Topic<String, McqTask> stage3Tasks() { return stage3Tasks; }
    /** Evaluation items (compacted), for decontamination and evaluation. */
    public Topic<String, EvalItem> evalItems() { return evalItems; }
    /** Questions to pseudo-label. */
    public Topic<String, LabelRequest> labelRequests() { return labelRequests; }
    /** Every pseudo-label result. */
    public Topic<String, LabelResult> labelResults() { return labelResults; }
    /** Pseudo-label results routed to REVIEW. */
    public Topic<String, LabelResult> labelReview() { return labelReview; }
    /** Requests to train a round now. */
    public Topic<String, TrainTrigger> trainTriggers() { return trainTriggers; }
    /** Published model versions (compacted, keyed by version). */
    public Topic<String, ModelVersion> modelVersions() { return modelVersions; }
    /** Evaluation results of model versions. */
    public Topic<String, EvalResult> modelEvals() { return modelEvals; }
    /** Dead letters of every service. */
    public Topic<String, DeadLetter> dlq() { return dlq; }
}
