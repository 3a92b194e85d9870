package medstream.cleaning.streams;

import java.util.Optional;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import medstream.cleaning.CleaningOutcome;
import medstream.cleaning.CleaningWork;
import medstream.cleaning.ReasonCode;
import medstream.cleaning.Rejection;
import medstream.cleaning.text.Normaliser;
import medstream.contracts.CleanDocument;
import medstream.contracts.Lineage;
import medstream.contracts.RawDocument;

/**
 * The stateless step, run in parallel on every input partition: {@link CleaningWork#clean} (input checks, normalise,
 * strip, language, quality, PII, then decontamination against the shared evaluation index). Captures the input
 * coordinates as lineage before any repartition.
 */
final class CleanStepProcessor implements FixedKeyProcessor<String, RawDocument, Staged> {

    private final CleaningWork work;
    private final String name;
    private FixedKeyProcessorContext<String, Staged> context;
    private CleaningMetrics metrics;

    CleanStepProcessor(CleaningWork work, String name) {
        this.work = work;
        this.name = name;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Staged> context) {
        this.context = context;
        this.metrics = new CleaningMetrics(context.metrics(), name + "-" + context.taskId());
    }

    /** What a tombstone on the raw topic is: names the record and what was expected there. */
    private String nullValueDetail() {
        String where = context.recordMetadata().map(m -> "record " + m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("a record");
        return where + " has a null value (a tombstone): expected a RawDocument; the raw topic takes no deletes, so fix "
                + "the producer that wrote it";
    }

    @Override
    public void process(FixedKeyRecord<String, RawDocument> record) {
        RawDocument raw = record.value();
        String id = raw != null ? raw.getId() : record.key() != null ? record.key() : "unknown";
        Lineage lineage = lineage(id);
        if (raw == null) {
            reject(record, id, "unknown", lineage,
                    Rejection.withDetail(ReasonCode.EMPTY, "input.null_value", nullValueDetail()));
            return;
        }
        CleaningOutcome outcome = work.clean(raw);
        if (outcome instanceof CleaningOutcome.Rejected rejected) {
            reject(record, id, raw.getSource(), lineage, rejected.rejection());
            return;
        }
        CleaningOutcome.Cleaned cleaned = (CleaningOutcome.Cleaned) outcome;
        CleanDocument document = CleanDocument.newBuilder()
                .setId(id)
                .setSource(raw.getSource())
                .setKind(raw.getKind())
                .setTitle(raw.getTitle() == null ? null : Normaliser.singleLine(raw.getTitle()))
                .setText(cleaned.text())
                .setLanguage(cleaned.language())
                .setSignals(cleaned.signals())
                .setPiiReplacements(piiCounts(cleaned))
                .setContentHash(cleaned.contentHash())
                .setLineage(lineage)
                .build();
        context.forward(record.withValue(Staged.accepted(document)));
    }

    private static java.util.Map<String, Integer> piiCounts(CleaningOutcome.Cleaned cleaned) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        cleaned.pii().forEach((type, count) -> counts.put(type.name(), count));
        return counts;
    }

    private void reject(FixedKeyRecord<String, RawDocument> record, String id, String source, Lineage lineage,
                        Rejection rejection) {
        metrics.record(rejection.reason().name());
        context.forward(record.withValue(Staged.rejected(Rejects.of(id, source, lineage, rejection))));
    }

    private Lineage lineage(String id) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        return Lineage.newBuilder()
                .setSourceId(id)
                .setTopic(meta.map(RecordMetadata::topic).orElse("unknown"))
                .setPartition(meta.map(RecordMetadata::partition).orElse(-1))
                .setOffset(meta.map(RecordMetadata::offset).orElse(-1L))
                .build();
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
