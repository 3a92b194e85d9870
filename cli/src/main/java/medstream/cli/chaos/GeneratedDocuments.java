package medstream.cli.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import medstream.contracts.LabelRequest;
import medstream.contracts.RawDocument;
import medstream.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The stream of raw documents produced while services are killed: synthetic clinical notes, the same for the same
 * seed and index (also their {@code ingestedAt}), so the zero-kill run gets exactly the same input. Keys are
 * {@code chaos-generated:note-<i>}.
 */
final class GeneratedDocuments implements AutoCloseable {
    static final String SOURCE = "chaos-generated";
    private static final List<String> SYMPTOMS = List.of("chest pain", "shortness of breath", "fever and productive cough",
            "abdominal pain", "headache with photophobia", "fatigue and weight loss", "palpitations", "lower back pain",
            "dizziness on standing", "joint swelling", "persistent dry cough", "nausea and vomiting");
    private static final List<String> CONDITIONS = List.of("type 2 diabetes mellitus", "hypertension", "asthma",
            "chronic kidney disease", "atrial fibrillation", "hypothyroidism", "COPD", "rheumatoid arthritis", "migraine");
    private static final List<String> FINDINGS = List.of("a heart rate of %d beats per minute", "a temperature of 38.%d degrees",
            "bilateral crackles at the lung bases", "tenderness in the right lower quadrant", "a blood pressure of 1%d/9%d mmHg",
            "mild pitting oedema of both ankles", "an irregularly irregular pulse", "no focal neurological deficit");
    private static final List<String> TESTS = List.of("A chest radiograph", "An electrocardiogram", "A full blood count",
            "Serum creatinine", "HbA1c", "A CT scan of the abdomen", "Urinalysis", "Thyroid function testing");
    private static final List<String> RESULTS = List.of("was unremarkable", "showed a mild abnormality that was followed up",
            "confirmed the working diagnosis", "was within the reference range", "suggested an infectious cause");
    private static final List<String> DRUGS = List.of("metformin", "amlodipine", "salbutamol", "apixaban", "levothyroxine",
            "amoxicillin", "paracetamol", "ramipril", "prednisolone", "omeprazole");

    private final long seed;
    private final List<Target> targets;
    private final List<KafkaProducer<String, byte[]>> producers;

    /** A broker, its raw.documents and label.requests topics (whose serdes speak to that broker's registry). */
    record Target(String bootstrap, Topic<String, RawDocument> topic, Topic<String, LabelRequest> requests) {}

    /** Every this many documents, one also becomes a label request, so the labelers have work while they are killed. */
    static final int REQUEST_EVERY = 5;
    private int produced;

    /** Produces to every target (the chaos run's broker and, for the zero-kill run, its twin). */
    GeneratedDocuments(List<Target> targets, long seed) {
        this.seed = seed;
        this.targets = List.copyOf(targets);
        this.producers = targets.stream().map(t -> new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, t.bootstrap(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())).toList();
    }

    /** Produces the next {@code n} documents and waits for the broker's acknowledgements. */
    void produceNext(int n) {
        for (int i = 0; i < n; i++, produced++) {
            RawDocument doc = document(seed, produced);
            for (int t = 0; t < targets.size(); t++) {
                Topic<String, RawDocument> topic = targets.get(t).topic();
                producers.get(t).send(new ProducerRecord<>(topic.name(), doc.getId(), topic.valueSerde().serializer().serialize(topic.name(), doc)));
                if (produced % REQUEST_EVERY == 0) {
                    Topic<String, LabelRequest> req = targets.get(t).requests();
                    LabelRequest r = request(doc, produced);
                    producers.get(t).send(new ProducerRecord<>(req.name(), r.getId(), req.valueSerde().serializer().serialize(req.name(), r)));
                }
            }
        }
        producers.forEach(KafkaProducer::flush);
    }

    int produced() { return produced; }

    /** Document {@code i} of the stream of {@code seed}. */
    static RawDocument document(long seed, int i) {
        Random r = new Random(seed * 1_000_003L + i);
        int age = 18 + r.nextInt(70);
        String sex = r.nextBoolean() ? "woman" : "man";
        String finding = String.format(Locale.ROOT, pick(r, FINDINGS), 60 + r.nextInt(80), r.nextInt(10));
        String text = String.format(Locale.ROOT, "A %d-year-old %s presented with %s for %d days. The past history included %s and %s. "
                        + "On examination there was %s. %s %s. Treatment with %s %d mg %s daily was started, and %s was reviewed. "
                        + "The patient was advised to return within %d weeks, or earlier if the %s worsened. Note %d.",
                age, sex, pick(r, SYMPTOMS), 1 + r.nextInt(20), pick(r, CONDITIONS), pick(r, CONDITIONS), finding, pick(r, TESTS),
                pick(r, RESULTS), pick(r, DRUGS), 5 * (1 + r.nextInt(40)), r.nextBoolean() ? "once" : "twice", pick(r, DRUGS),
                1 + r.nextInt(12), pick(r, SYMPTOMS), i);
        return RawDocument.newBuilder().setId(SOURCE + ":note-" + i).setSource(SOURCE).setKind("TEXT").setLanguage("en")
                .setTitle("Clinical note " + i).setBody(text).setMetadata(Map.of("generator", "chaos", "seed", Long.toString(seed)))
                .setIngestedAt(Instant.ofEpochSecond(1_700_000_000L + i)).build();
    }

    /**
     * A yes/no/maybe question about document {@code i}, its text as the context and a one-line conclusion (PQA-U's
     * shape): short enough for the tiny model's 128-token window with the long-answer strategy chaos runs.
     */
    static LabelRequest request(RawDocument doc, int i) {
        Random r = new Random(i * 31L + 7);
        String question = "Does the note support starting " + pick(r, DRUGS) + " for a patient with " + pick(r, CONDITIONS) + "?";
        return LabelRequest.newBuilder().setId(SOURCE + ":req-" + i).setQuestion(question).setContexts(List.of(doc.getBody()))
                .setLongAnswer(r.nextBoolean() ? "The note supports it." : "The note does not say.").setOptions(List.of("yes", "no", "maybe")).setSource(SOURCE)
                .setRequestedAt(doc.getIngestedAt()).build();
    }

    private static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    @Override
    public void close() {
        producers.forEach(KafkaProducer::close);
    }
}
