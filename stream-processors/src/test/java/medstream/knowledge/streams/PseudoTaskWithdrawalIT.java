package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import medstream.contracts.Decision;
import medstream.contracts.McqTask;
import medstream.contracts.PubMedQaSubset;
import medstream.knowledge.pubmedqa.PubMedQaConfig;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request ACCEPTed and then re-labeled to REVIEW, against a real broker with exactly-once Streams: its PSEUDO task is
 * withdrawn by one tombstone, a second REVIEW withdraws nothing more, and the ledger of issued tasks survives a restart
 * on an empty state directory (restored from its changelog), so a REVIEW after the restart adds no tombstone either.
 */
class PseudoTaskWithdrawalIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private static final String TASK = "mcq-pseudo:pubmedqa:7003";

    @Test
    void givenAnAcceptedRequestRelabeledToReviewAcrossARestart_whenTheAppRuns_thenItsTaskIsWithdrawnExactlyOnce()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        KnowledgeConfig config = new KnowledgeConfig("pseudo-withdrawal-it-" + catalog.prefix().replaceAll("\\W", ""),
                KnowledgeConfig.defaults().sampler(), Duration.ofSeconds(2), Duration.ofMillis(500),
                PunctuationType.WALL_CLOCK_TIME, 256, KnowledgeConfig.defaults().splitPolicy(), 512, PubMedQaConfig.defaults());
        KAFKA.produce(catalog.rawPubMedQa(), Map.of("u", PubMedQaTopologyTest.item("7003", PubMedQaSubset.PQA_L, null, null)));

        try (KafkaStreams app = start(catalog, config)) {
            await().atMost(WAIT).until(() -> KAFKA.count(catalog.labelRequests()) == 1);
            label(catalog, "yes", 0.92, Decision.ACCEPT);
            await().atMost(WAIT).until(() -> pseudoTasks(catalog, 1).size() == 1);
            label(catalog, "yes", 0.55, Decision.REVIEW);
            label(catalog, "no", 0.40, Decision.REVIEW);
            await().atMost(WAIT).until(() -> pseudoTasks(catalog, 2).size() == 2);
        }
        try (KafkaStreams restarted = start(catalog, config)) {
            label(catalog, "no", 0.45, Decision.REVIEW);
            label(catalog, "no", 0.93, Decision.ACCEPT);

            List<ConsumerRecord<String, McqTask>> tasks = pseudoTasks(catalog, 3);

            assertThat(tasks).extracting(ConsumerRecord::key).containsOnly(TASK);
            assertThat(tasks).extracting(r -> r.value() == null ? "withdrawn" : r.value().getAnswer())
                    .containsExactly("yes", "withdrawn", "no");
        }
    }

    private static KafkaStreams start(TopicCatalog catalog, KnowledgeConfig config) throws Exception {
        Properties props = KnowledgeApp.getStreamsConfig(KAFKA.bootstrapServers(), catalog, config);
        // A fresh state directory each start: the restarted app must rebuild the ledger from its changelog.
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("pseudo-withdrawal-it").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        KafkaStreams app = new KafkaStreams(PubMedQaTopology.buildTopology(catalog, config), props);
        app.start();
        await().atMost(WAIT).until(() -> app.state() == KafkaStreams.State.RUNNING);
        return app;
    }

    private static void label(TopicCatalog catalog, String label, double confidence, Decision decision) {
        KAFKA.produce(catalog.labelResults(), Map.of("7003", PubMedQaTopologyTest.result("7003", label, confidence, decision)));
    }

    /** The committed records of the task topic (read until {@code expected} arrived or a short deadline). */
    private static List<ConsumerRecord<String, McqTask>> pseudoTasks(TopicCatalog catalog, int expected) {
        return KAFKA.consume(catalog.stage3Tasks(), expected, Duration.ofSeconds(20));
    }
}
