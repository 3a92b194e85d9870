package medstream.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import medstream.contracts.CleanDocument;
import medstream.contracts.CleanReject;
import medstream.contracts.DeadLetter;
import medstream.contracts.RawDocument;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;

/**
 * The cleaning app against a real broker under exactly_once_v2, stopped mid-run in two ways (closed with a zero
 * timeout in this JVM, as the issue asks; and its own JVM killed with SIGKILL, so that its open transaction is
 * certainly never committed), then replaced by a new instance with an empty state directory. A
 * read_committed reader of {@code clean.documents} must then see every good document exactly once, exact and near
 * duplicates sent after the restart must still be caught (the hash and signature stores are restored from their
 * changelogs, the band index is rebuilt from the signatures), and every
 * undecodable record must be on the dead-letter topic once.
 */
class CleaningCrashRecoveryIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withHttpRegistry();

    /** Short enough that the replacement does not wait long for the dead member, above the broker's 6 s minimum. */
    private static final int SESSION_TIMEOUT_MS = 10_000;

    @TempDir
    Path stateDirs;

    private static RawDocument doc(String id, String body) {
        return RawDocument.newBuilder().setId(id).setSource("it").setKind("ABSTRACT").setBody(body)
                .setIngestedAt(Instant.now()).build();
    }

    /** Small polls and a long commit interval: a killed instance holds uncommitted work. */
    private static Map<String, String> crashProneSettings() {
        return Map.of(StreamsConfig.consumerPrefix("max.poll.records"), "20",
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000",
                StreamsConfig.consumerPrefix("session.timeout.ms"), Integer.toString(SESSION_TIMEOUT_MS));
    }

    private KafkaStreams start(TopicCatalog catalog, String appId, String instance) {
        Properties props = CleaningTopology.getStreamsConfig(KAFKA.bootstrapServers(), appId,
                stateDirs.resolve(instance), catalog);
        props.putAll(crashProneSettings());
        KafkaStreams streams = new KafkaStreams(CleaningTopology.buildTopology(catalog, CleaningConfig.defaults()),
                props);
        streams.start();
        return streams;
    }

    /** Stops the first instance abruptly once it has committed some output. */
    private interface Crash {
        /**
         * Starts the first instance, waits until it has committed some output, runs {@code whileRunning} (which
         * produces more input) and stops the instance right after, while that input is certainly still in flight.
         */
        void startAndCrash(TopicCatalog catalog, String appId, Runnable whileRunning) throws Exception;
    }

    @Test
    void givenTheAppClosedWithZeroTimeoutMidRun_whenANewInstanceTakesOver_thenNoCleanDocumentIsLostOrDuplicated()
            throws Exception {
        runCrashScenario("cleaning-it-close", (catalog, appId, whileRunning) -> {
            KafkaStreams first = start(catalog, appId, "close-first");
            awaitSomeCleanOutput(catalog);
            whileRunning.run();
            first.close(Duration.ZERO);
        });
    }

    @Test
    void givenTheAppsJvmKilledMidRun_whenANewInstanceTakesOver_thenNoCleanDocumentIsLostOrDuplicated()
            throws Exception {
        runCrashScenario("cleaning-it-kill", (catalog, appId, whileRunning) -> {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), CleaningChildProcess.class.getName(),
                    "bootstrap=" + KAFKA.bootstrapServers(), "registry=" + KAFKA.registryUrl(),
                    "prefix=" + catalog.prefix(), "app-id=" + appId,
                    "state-dir=" + stateDirs.resolve("kill-first")));
            crashProneSettings().forEach((k, v) -> command.add("streams." + k + "=" + v));
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(stateDirs.resolve("kill-first.log").toFile()).start();
            try {
                awaitSomeCleanOutput(catalog);
                whileRunning.run();
            } finally {
                // SIGKILL: no shutdown hook, no commit; the open transaction is aborted by the broker.
                child.destroyForcibly().waitFor();
            }
        });
    }

    private static void awaitSomeCleanOutput(TopicCatalog catalog) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> KAFKA.count(catalog.cleanDocuments()) >= 50);
    }

    private void runCrashScenario(String appId, Crash crash) throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        CleaningPipeline pipeline = new CleaningPipeline(CleaningConfig.defaults());
        Map<String, String> good = new LinkedHashMap<>();
        SharedData.pubmedQaAbstracts().forEach((pmid, text) -> {
            if (pipeline.clean(text, null) instanceof CleaningOutcome.Cleaned) {
                good.put("pqa:" + pmid, text);
            }
        });
        SharedData.pubmedQaTestItems().forEach((pmid, item) -> {
            if (pipeline.clean(item[1], null) instanceof CleaningOutcome.Cleaned) {
                good.put("pqa-test:" + pmid, item[1]);
            }
        });
        // Half before the first instance starts, half just before it is stopped: that half is certainly still
        // being processed (or not yet read) when the instance dies.
        Map<String, RawDocument> firstBatch = new LinkedHashMap<>();
        Map<String, RawDocument> secondBatch = new LinkedHashMap<>();
        good.forEach((id, text) -> (firstBatch.size() < good.size() / 2 ? firstBatch : secondBatch)
                .put(id, doc(id, text)));
        KAFKA.produce(catalog.rawDocuments(), firstBatch);

        crash.startAndCrash(catalog, appId, () -> KAFKA.produce(catalog.rawDocuments(), secondBatch));
        long committedAtCrash = KAFKA.count(catalog.cleanDocuments());
        assertThat(committedAtCrash).as("the first instance stopped mid-run").isLessThan(good.size());

        // After the crash: exact copies of documents the first instance already cleaned, and undecodable bytes.
        // Copies are made of documents already committed to clean.documents, so the original is certainly first.
        List<String> goodIds = KAFKA.consume(catalog.cleanDocuments(), 30, Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::key).toList();
        assertThat(goodIds).hasSizeGreaterThanOrEqualTo(30);
        Map<String, RawDocument> copies = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String original = goodIds.get(i);
            copies.put("copy-of-" + original, doc("copy-of-" + original, good.get(original)));
        }
        // Near copies (a sentence added) of other early documents: only the band index, rebuilt from the restored
        // signatures, can find these.
        for (int i = 20; i < 30; i++) {
            String original = goodIds.get(i);
            copies.put("near-copy-of-" + original, doc("near-copy-of-" + original,
                    good.get(original) + " These findings were presented at a regional meeting."));
        }
        KAFKA.produce(catalog.rawDocuments(), copies);
        int undecodable = 7;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.producerProps(),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < undecodable; i++) {
                producer.send(new ProducerRecord<>(catalog.rawDocuments().name(), "garbage-" + i,
                        ("not avro " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            producer.flush();
        }

        KafkaStreams second = start(catalog, appId, appId + "-second");
        try {
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> KAFKA.count(catalog.cleanDocuments()) >= good.size()
                                && KAFKA.count(catalog.cleanRejects()) >= copies.size()
                                && KAFKA.count(catalog.dlq()) >= undecodable);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("Expected " + good.size() + " clean, " + copies.size() + " rejects, "
                        + undecodable + " dead letters; topics hold " + KAFKA.counts(catalog) + "; rejects: "
                        + KAFKA.consume(catalog.cleanRejects(), copies.size(), Duration.ofSeconds(5)).stream()
                        .map(r -> r.value().getDocumentId() + "=" + r.value().getReasonCode() + ":"
                                + r.value().getDetail()).toList(), e);
            }

            List<ConsumerRecord<String, CleanDocument>> cleaned = KAFKA.consume(catalog.cleanDocuments(),
                    good.size() + 1, Duration.ofSeconds(5));
            Map<String, Long> timesSeen = cleaned.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
            assertThat(timesSeen.keySet()).as("no clean document lost").isEqualTo(Set.copyOf(good.keySet()));
            assertThat(timesSeen.values()).as("no clean document duplicated").allMatch(n -> n == 1L);
            assertThat(cleaned).hasSize(good.size());
            System.out.printf("%s: %d of %d clean documents committed before the crash, all %d exactly once after%n",
                    appId, committedAtCrash, good.size(), cleaned.size());

            List<ConsumerRecord<String, CleanReject>> rejected = KAFKA.consume(catalog.cleanRejects(),
                    copies.size() + 1, Duration.ofSeconds(5));
            Map<String, String> duplicateOf = new HashMap<>();
            rejected.forEach(r -> duplicateOf.put(r.value().getDocumentId(),
                    r.value().getReasonCode() + " " + r.value().getDetail()));
            assertThat(rejected).hasSize(copies.size());
            copies.keySet().forEach(copy -> assertThat(duplicateOf.get(copy)).isEqualTo(copy.startsWith("near-")
                    ? "NEAR_DUPLICATE " + copy.substring("near-copy-of-".length())
                    : "EXACT_DUPLICATE " + copy.substring("copy-of-".length())));

            List<ConsumerRecord<String, DeadLetter>> letters = KAFKA.consume(catalog.dlq(), undecodable + 1,
                    Duration.ofSeconds(5));
            assertThat(letters).hasSize(undecodable);
        } finally {
            second.close(Duration.ofSeconds(30));
        }
    }
}
