package medstream.knowledge.streams;

import java.util.function.Function;
import medstream.contracts.CleanReject;
import medstream.contracts.Lineage;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns a record that a knowledge policy chose not to keep (a QA pair without an answer, a stage record
 * that overlaps an evaluation item) into a reject on {@code stage.rejects}: the record's id, reason code,
 * filter name, a detail naming what was expected, its data set and the raw input's coordinates. The same
 * rule the cleaning app follows: the DLQ is for records that could not be read, rejects for records read
 * and not kept.
 *
 * @param <V> the input value type
 */
final class PolicySkipToReject<V> implements FixedKeyProcessor<String, V, CleanReject> {
    /** What the reject says about one skipped value. */
    record Verdict(String recordId, String source, String reasonCode, String detail) { }

    private final String filterName;
    private final Function<V, Verdict> verdict;
    private FixedKeyProcessorContext<String, CleanReject> context;

    PolicySkipToReject(String filterName, Function<V, Verdict> verdict) {
        this.filterName = filterName;
        this.verdict = verdict;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CleanReject> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        Verdict v = verdict.apply(record.value());
        Lineage lineage = Lineage.newBuilder()
                .setSourceId(v.recordId())
                .setTopic(meta == null ? "unknown" : meta.topic())
                .setPartition(meta == null ? -1 : meta.partition())
                .setOffset(meta == null ? -1L : meta.offset())
                .build();
        context.forward(record.withValue(CleanReject.newBuilder()
                .setDocumentId(v.recordId())
                .setReasonCode(v.reasonCode())
                .setFilterName(filterName)
                .setDetail(v.detail())
                .setSource(v.source())
                .setLineage(lineage)
                .build()));
    }
}
