package medstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import medstream.contracts.DeadLetter;
import medstream.contracts.ExamQuestion;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.DeadLetterCounts;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Ingestion against a real embedded broker: counts read back with read_committed, DLQ, idempotent keys. */
class IngestIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path tmp;

    /** What the adapters say {@code limit} records per source should put on each topic, computed without Kafka. */
    private static Map<String, Long> expectedByTopic(TopicCatalog catalog, long limit) throws Exception {
        Sources sources = Sources.defaults();
        Map<String, Long> expected = new TreeMap<>();
        for (String name : sources.sharedDataSets()) {
            try (Stream<Entry> entries = sources.get(name).read(SharedData.of(name))) {
                Iterator<Entry> it = entries.iterator();
                long produced = 0;
                while (it.hasNext() && (limit <= 0 || produced < limit)) {
                    Entry e = it.next();
                    if (e instanceof Entry.Produce p) {
                        produced++;
                        expected.merge(RawTopics.of(p.value(), catalog).logicalName(), 1L, Long::sum);
                    } else if (e instanceof Entry.Failure) {
                        expected.merge(catalog.dlq().logicalName(), 1L, Long::sum);
                    }
                }
            }
        }
        return expected;
    }

    private static Map<String, Long> onBroker(TopicCatalog catalog) {
        Map<String, Long> m = new TreeMap<>();
        for (Topic<String, ?> t : RawTopics.all(catalog)) {
            long n = KAFKA.count(t);
            if (n > 0) {
                m.put(t.logicalName(), n);
            }
        }
        return m;
    }

    @Test
    void givenEverySharedDataSet_whenASliceIsIngested_thenReadCommittedCountsMatchWhatTheAdaptersParsed()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        IngestReport report = Ingest.ingestAll(SharedData.dir(), catalog, Ingest.producerConfig(KAFKA.bootstrapServers()),
                200, ProgressListener.printingTo(new PrintStream(progress, true, StandardCharsets.UTF_8)));

        Map<String, Long> expected = expectedByTopic(catalog, 200);
        assertThat(onBroker(catalog)).isEqualTo(expected);
        assertThat(report.sources()).hasSize(Sources.defaults().sharedDataSets().size())
                .allSatisfy(s -> assertThat(s.records()).isEqualTo(200));
        assertThat(report.missing()).isEmpty();
        Map<String, Long> reported = new TreeMap<>(report.recordsByTopic());
        if (report.deadLetters() > 0) {
            reported.put(catalog.dlq().logicalName(), report.deadLetters());
        }
        assertThat(reported).isEqualTo(expected);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("ingest hetionet", "done:");
    }

    @Test
    void givenAllSharedData_whenIngested_thenEveryParsedRecordIsOnTheBrokerWellWithinAMinute() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);

        IngestReport report = Ingest.ingestAll(SharedData.dir(), catalog, Ingest.producerConfig(KAFKA.bootstrapServers()),
                0, ProgressListener.stderr());
        System.err.print(report.format());

        assertThat(onBroker(catalog)).isEqualTo(expectedByTopic(catalog, 0));
        assertThat(report.sources()).noneMatch(SourceReport::limited);
        assertThat(report.elapsed()).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void givenTheSameSourceIngestedTwice_whenRead_thenEveryKeyAppearsTwiceWithTheSameValue() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        Map<String, Object> producer = Ingest.producerConfig(KAFKA.bootstrapServers());

        Ingest.run("medqa-usmle", SharedData.of("medqa-usmle"), catalog, producer, 50, ProgressListener.none());
        Ingest.run("medqa-usmle", SharedData.of("medqa-usmle"), catalog, producer, 50, ProgressListener.none());

        List<ConsumerRecord<String, ExamQuestion>> got = KAFKA.consume(catalog.rawExamQuestions(), 100,
                Duration.ofSeconds(30));
        assertThat(got).hasSize(100);
        assertThat(KAFKA.count(catalog.rawExamQuestions())).isEqualTo(100);
        Map<String, List<ExamQuestion>> byKey = got.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        assertThat(byKey).hasSize(50).allSatisfy((k, values) -> {
            assertThat(k).startsWith("medqa-usmle:");
            assertThat(values).hasSize(2);
            assertThat(values.get(0)).isEqualTo(values.get(1));
        });
    }

    @Test
    void givenAFileWithABrokenLine_whenIngested_thenTheDlqHoldsItWithFileAndLineAndTheRestIsOnTheTopic()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        Path file = Fixtures.write(tmp, "notes/docs.jsonl",
                "{\"id\": \"n1\", \"text\": \"The kidney filters blood.\"}",
                "{\"id\": \"n2\", \"text\": \"unterminated",
                "{\"id\": \"n3\", \"text\": \"The liver stores glycogen.\"}");

        IngestReport report = Ingest.run("generic", file, catalog, Ingest.producerConfig(KAFKA.bootstrapServers()), 0,
                ProgressListener.none());

        assertThat(report.recordsByTopic()).containsEntry("raw.documents", 2L);
        assertThat(KAFKA.count(catalog.rawDocuments())).isEqualTo(2);
        DeadLetterCounts dlq = KAFKA.deadLetters(catalog);
        assertThat(dlq.total()).isEqualTo(1);
        assertThat(dlq.byService()).containsEntry(Ingester.SERVICE, 1L);
        DeadLetter dl = KAFKA.consume(catalog.dlq(), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(dl.getTopic()).isEqualTo("file:notes/docs.jsonl");
        assertThat(dl.getOffset()).isEqualTo(2);
        assertThat(dl.getPartition()).isEqualTo(-1);
    }

    @Test
    void givenACatalogThatWasNotProvisioned_whenIngesting_thenItFailsFastNamingTheMissingTopics() {
        TopicCatalog catalog = KAFKA.newCatalog();

        assertThatThrownBy(() -> Ingest.run("cmb-clin", SharedData.of("cmb-clin"), catalog,
                Ingest.producerConfig(KAFKA.bootstrapServers()), 0, ProgressListener.none()))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining(catalog.rawQaPairs().name())
                .hasMessageContaining("provision");
    }
}
