package medstream.cli.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import medstream.cleaning.CleaningConfig;
import medstream.cleaning.CleaningTopology;
import medstream.contracts.CleanReject;
import medstream.contracts.DeadLetter;
import medstream.ingest.Ingest;
import medstream.ingest.IngestReport;
import medstream.ingest.ProgressListener;
import medstream.knowledge.streams.KnowledgeApp;
import medstream.knowledge.streams.KnowledgeConfig;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.ConsumerLag;
import medstream.topics.admin.TopicCounter;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input campaign of issue 16: more than a thousand bad inputs of more than a dozen kinds, through ingest in
 * every file format it reads and straight onto the raw topics as bytes, with good records between them; then the
 * knowledge and cleaning apps run until caught up. Every bad input must be in the DLQ (could not be read) or a rejects
 * topic (read, not kept) with coordinates and a reason, both apps must still be RUNNING, and every good record must
 * come out exactly once. The counts per kind go to {@code target/bad-input-campaign.md} and stdout.
 */
class BadInputCampaignIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final Duration GOOD_RECORDS = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void givenOverAThousandBadInputsOfOverADozenKindsAmongGoodRecords_whenIngestedAndCurated_thenEachIsADeadLetterOrRejectWithItsCoordinatesTheAppsKeepRunningAndEveryGoodRecordArrivesOnce()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        Path shared = Path.of(System.getProperty("medstream.shared.data", "../../shared/data"));

        BadFiles.Written files = BadFiles.write(dir.resolve("data"), shared);
        for (BadFiles.Source s : files.sources()) {
            IngestReport report = Ingest.run(s.name(), s.path(), catalog, KAFKA.bootstrapServers(), 0,
                    ProgressListener.none());
            assertThat(report.deadLetters()).as("ingest of %s dead-lettered its bad entries and went on", s.path())
                    .isPositive();
        }
        RawBytes.Written raw = RawBytes.write(catalog, KAFKA.bootstrapServers(), shared);
        List<Probe> probes = new ArrayList<>(files.probes());
        probes.addAll(raw.probes());

        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Throwable goodRecordsMissing = null;
        KnowledgeConfig knowledgeConfig = KnowledgeConfig.defaults();
        try (KafkaStreams knowledge = start(KnowledgeApp.buildTopology(catalog, knowledgeConfig),
                KnowledgeApp.getStreamsConfig(KAFKA.bootstrapServers(), catalog, knowledgeConfig), "knowledge", failures);
             KafkaStreams cleaning = start(CleaningTopology.buildTopology(catalog, CleaningConfig.defaults()),
                     CleaningTopology.getStreamsConfig(KAFKA.bootstrapServers(), CleaningTopology.APPLICATION_ID,
                             dir.resolve("state-cleaning"), catalog), "cleaning", failures)) {
            ConsumerLag.awaitCaughtUp(KAFKA.admin(), CleaningTopology.APPLICATION_ID,
                    List.of(catalog.rawDocuments().name()), CATCH_UP, lag -> { });
            ConsumerLag.awaitCaughtUp(KAFKA.admin(), knowledgeConfig.applicationId(), List.of(
                    catalog.rawKgTriplets().name(), catalog.rawExamQuestions().name(), catalog.rawQaPairs().name(),
                    catalog.rawPubMedQa().name(), catalog.cleanDocuments().name()), CATCH_UP, lag -> { });

            // Then: every good record came out exactly once (stage ids are "<kind>:<raw id>"); the wait is for the
            // knowledge app's second pass over clean documents and the KG window, the apps having caught up above.
            try {
                await().atMost(GOOD_RECORDS).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertExactlyOnce(catalog.cleanDocuments(), d -> d.getId(), files.goodDocumentIds(), "");
                    assertExactlyOnce(catalog.evalItems(), e -> e.getId(), files.goodExamIds(), ":");
                    assertExactlyOnce(catalog.stage3Tasks(), t -> t.getId(), files.goodPubMedQaIds(), ":");
                    assertExactlyOnce(catalog.stage2Instructions(), i -> i.getId(), raw.goodQaIds(), ":");
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                goodRecordsMissing = e;
                List<String> said = new ArrayList<>();
                List<CleanReject> all = values(catalog.cleanRejects());
                all.addAll(values(catalog.stageRejects()));
                all.stream().filter(r -> r.getDocumentId().startsWith("generic:good-")
                                || r.getDocumentId().startsWith("generic:dup-"))
                        .forEach(r -> said.add(r.getDocumentId() + " " + r.getReasonCode() + " " + r.getDetail()));
                System.out.println("good records missing; rejects of good documents: " + said);
            }
            assertThat(failures).as("no stream thread died").isEmpty();
            assertThat(knowledge.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(cleaning.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }

        List<DeadLetter> letters = values(catalog.dlq());
        List<CleanReject> rejects = values(catalog.cleanRejects());
        rejects.addAll(values(catalog.stageRejects()));
        CampaignReport report = CampaignReport.account(probes, letters, rejects);
        Path written = report.write(Path.of("target"));
        System.out.println(report.format());
        System.out.println("(written to " + written.toAbsolutePath() + ")");

        assertThat(report.sent()).isGreaterThanOrEqualTo(1_000);
        assertThat(report.byKind()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(report.missing()).as("bad inputs with neither a dead letter nor a reject").isEmpty();
        assertThat(goodRecordsMissing).as("every good record arrived exactly once").isNull();
        assertThat(report.traces()).allSatisfy(t -> assertThat(t.reason()).as(t.probe().input()).isNotBlank());
    }

    private static KafkaStreams start(org.apache.kafka.streams.Topology topology, java.util.Properties props,
                                      String name, Queue<Throwable> failures) throws Exception {
        props.put(StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Files.createTempDirectory("campaign-" + name).toString());
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            failures.add(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return streams;
    }

    /** Each wanted id is the id (or the id's tail after {@code sep}) of exactly one record of the topic. */
    private static <V> void assertExactlyOnce(Topic<String, V> topic, Function<V, String> id, List<String> wanted,
                                              String sep) {
        Map<String, Integer> seen = new HashMap<>();
        for (V v : values(topic)) {
            String full = id.apply(v);
            seen.merge(full, 1, Integer::sum);
        }
        for (String w : wanted) {
            long n = seen.entrySet().stream()
                    .filter(e -> e.getKey().equals(w) || (!sep.isEmpty() && e.getKey().endsWith(sep + w)))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(n).as("records of %s from good input %s", topic.logicalName(), w).isEqualTo(1);
        }
    }

    private static <V> List<V> values(Topic<String, V> topic) {
        List<V> out = new ArrayList<>();
        try (TopicCounter counter = new TopicCounter(KAFKA.bootstrapServers(), Duration.ofSeconds(60))) {
            counter.scan(topic.name(), r -> {
                if (r.value() != null) out.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
            });
        }
        return out;
    }
}
