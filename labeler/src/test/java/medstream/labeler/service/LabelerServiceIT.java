package medstream.labeler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import medstream.contracts.DeadLetter;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.ModelVersion;
import medstream.labeler.LabelerConfig;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.ModelLoader;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.ScoringMode;
import java.nio.file.Path;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.testing.BrokerTopics;
import medstream.labeler.testing.TinyCheckpoints;
import org.junit.jupiter.api.io.TempDir;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.Requests;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The labeler service against a real (embedded) broker: exactly once across a crash, hot reload, dead letters, slow models. */
class LabelerServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Short session so a crashed member (which does not leave the group) is noticed quickly. */
    private static final Map<String, Object> CLIENTS = Map.of("session.timeout.ms", 6000, "heartbeat.interval.ms", 1000);
    private static final ModelLoader LOADER = (dir, version, device) ->
            new LexicalCueTestModel(version != null ? version : dir.getFileName().toString(), device, 4096);
    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static LabelerConfig config(String strategy, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("medstream.labeler.strategy", strategy, "medstream.labeler.batch-size", "4",
                "medstream.labeler.max-wait-ms", "50", "medstream.labeler.devices", "cpu", "medstream.labeler.instance-id", "it",
                "medstream.labeler.model-dir", "/models/s3-v1"));
        m.putAll(extra);
        return LabelerConfig.of(m);
    }

    private static Map<String, LabelRequest> requests(int from, int to) {
        Map<String, LabelRequest> m = new LinkedHashMap<>();
        String[] cues = {"yes", "no", "maybe"};
        for (int i = from; i < to; i++) m.put("r" + i, Requests.withCue("r" + i, cues[i % 3]));
        return m;
    }

    private static Map<String, Long> countById(List<LabelResult> results) {
        return results.stream().collect(Collectors.groupingBy(LabelResult::getRequestId, Collectors.counting()));
    }

    @Test
    void givenACrashInsideATransaction_whenTheLabelerRestarts_thenEveryRequestHasExactlyOneCommittedResult() {
        BrokerTopics topics = new BrokerTopics(kafka);
        topics.write(topics.catalog().labelRequests(), requests(0, 40));
        CrashInBatch dieInBatch3 = new CrashInBatch(3);
        LabelerService s1 = dieInBatch3.attach(new LabelerService(config("ppl", Map.of()), topics.catalog(), topics.bootstrap(), LOADER,
                CLIENTS, dieInBatch3));
        s1.start();
        await().atMost(WAIT).until(dieInBatch3::crashed);
        s1.crash();
        long committedBeforeRestart = s1.stats().committedRecords();

        try (LabelerService s2 = new LabelerService(config("ppl", Map.of()), topics.catalog(), topics.bootstrap(), LOADER, CLIENTS,
                BatchListener.NONE)) {
            s2.start();
            await().atMost(WAIT).until(() -> {
                long[] lag = topics.groupLag("medstream-labeler", topics.catalog().labelRequests());
                return lag[0] == lag[1] && lag[1] == 40;
            });
        }

        List<LabelResult> committed = topics.readAll(topics.catalog().labelResults(), "read_committed");
        List<LabelResult> everything = topics.readAll(topics.catalog().labelResults(), "read_uncommitted");
        assertThat(committedBeforeRestart).isPositive().isLessThan(40);
        assertThat(countById(committed)).hasSize(40).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        // The abandoned transaction did reach the log: only read_committed hides it.
        assertThat(everything.size()).isGreaterThan(committed.size());
        assertThat(committed).allSatisfy(r -> assertThat(r.getModelVersion()).isEqualTo("s3-v1"));
    }

    @Test
    void givenANewModelVersionDuringARun_whenItIsPublished_thenTheLabelerSwapsBetweenBatchesLosingAndDuplicatingNothing() {
        BrokerTopics topics = new BrokerTopics(kafka);
        try (LabelerService s = new LabelerService(config("voc", Map.of()), topics.catalog(), topics.bootstrap(), LOADER, CLIENTS,
                BatchListener.NONE)) {
            s.start();
            topics.write(topics.catalog().labelRequests(), requests(0, 30));
            await().atMost(WAIT).until(() -> s.stats().committedRecords() >= 8);
            topics.write(topics.catalog().modelVersions(), Map.of("s3-v2", ModelVersion.newBuilder().setStage(3).setVersion("s3-v2")
                    .setParent("s3-v1").setCheckpoint("/models/s3-v2").setCreatedAt(Instant.now()).build(),
                    "s2-v9", ModelVersion.newBuilder().setStage(2).setVersion("s2-v9").setCheckpoint("/models/s2-v9")
                    .setCreatedAt(Instant.now()).build()));
            // The follower loads v2 off the poll loop; requests produced after that must all be labeled by it.
            await().atMost(WAIT).until(() -> s.loadedVersions().equals(List.of("s3-v2")));
            topics.write(topics.catalog().labelRequests(), requests(30, 60));
            await().atMost(WAIT).until(() -> s.stats().committedRecords() == 60);
            assertThat(s.modelVersions()).containsExactly("s3-v2");
            assertThat(s.stats().modelSwaps()).isEqualTo(1);
        }

        List<LabelResult> committed = topics.readAll(topics.catalog().labelResults(), "read_committed");
        assertThat(countById(committed)).hasSize(60).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        Map<String, String> versionById = committed.stream().collect(Collectors.toMap(LabelResult::getRequestId, LabelResult::getModelVersion));
        assertThat(versionById.values()).containsOnly("s3-v1", "s3-v2").contains("s3-v1", "s3-v2");
        for (int i = 30; i < 60; i++) assertThat(versionById.get("r" + i)).as("r" + i).isEqualTo("s3-v2");
        // A closed model would have failed its batch into the DLQ: the swap waited for the batch in flight.
        assertThat(topics.readAll(topics.catalog().dlq(), "read_committed")).isEmpty();
        assertThat(committed).allSatisfy(r -> assertThat(r.getLabel()).isEqualTo(
                List.of("yes", "no", "maybe").get(Integer.parseInt(r.getRequestId().substring(1)) % 3)));
    }

    @Test
    void givenBadRecords_whenConsumed_thenTheyAreDeadLetteredWithReasonsAndTheServiceKeepsLabeling() {
        BrokerTopics topics = new BrokerTopics(kafka);
        topics.writeRaw(topics.catalog().labelRequests().name(), "garbage", "not avro at all".getBytes(StandardCharsets.UTF_8));
        Map<String, LabelRequest> bad = new LinkedHashMap<>();
        bad.put("noctx", Requests.request("noctx", "Does it help?", List.of(), null, List.of("yes", "no", "maybe")));
        bad.put("opts", Requests.request("opts", "Does it help?", List.of("It helped."), null, List.of("true", "false")));
        topics.write(topics.catalog().labelRequests(), bad);
        topics.write(topics.catalog().labelRequests(), requests(0, 6));

        try (LabelerService s = new LabelerService(config("ensemble", Map.of()), topics.catalog(), topics.bootstrap(), LOADER, CLIENTS,
                BatchListener.NONE)) {
            s.start();
            await().atMost(WAIT).until(() -> s.stats().committedRecords() == 9);
            assertThat(s.isHealthy()).isTrue();
            assertThat(s.stats().deadLetters()).isEqualTo(3);
        }

        List<DeadLetter> dlq = topics.readAll(topics.catalog().dlq(), "read_committed");
        assertThat(dlq).extracting(DeadLetter::getErrorClass)
                .containsExactlyInAnyOrder("BAD_RECORD", "NO_CONTEXT", "UNKNOWN_OPTIONS");
        assertThat(dlq).allSatisfy(d -> {
            assertThat(d.getTopic()).isEqualTo(topics.catalog().labelRequests().name());
            assertThat(d.getService()).isEqualTo("medstream-labeler");
            assertThat(d.getInputValue()).isNotNull();
            assertThat(d.getInputTimestamp()).as("the input's timestamp, kept").isNotNull();
        });
        List<LabelResult> results = topics.readAll(topics.catalog().labelResults(), "read_committed");
        assertThat(results).extracting(LabelResult::getRequestId).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5");
        assertThat(results).allSatisfy(r -> assertThat(r.getStrategy()).isEqualTo("ensemble"));
    }

    @Test
    void givenAModelSlowerThanMaxPollInterval_whenLabeling_thenPausedPartitionsKeepTheConsumerInItsGroup() {
        BrokerTopics topics = new BrokerTopics(kafka);
        topics.write(topics.catalog().labelRequests(), requests(0, 8));
        // Each batch takes 4 s in the model; a consumer that stopped polling would be evicted after 2 s.
        ModelLoader slow = (dir, version, device) -> new SlowModel(new LexicalCueTestModel("s3-slow"), Duration.ofSeconds(4));
        Map<String, Object> clients = new HashMap<>(CLIENTS);
        clients.put("max.poll.interval.ms", 2000);

        try (LabelerService s = new LabelerService(config("ppl", Map.of("medstream.labeler.max-wait-ms", "1000")),
                topics.catalog(), topics.bootstrap(), slow, clients, BatchListener.NONE)) {
            s.start();
            await().atMost(WAIT).until(() -> s.stats().committedRecords() == 8);
            assertThat(s.stats().abortedBatches()).isZero();
            assertThat(s.stats().committedBatches()).isBetween(2L, 8L);
        }
        assertThat(countById(topics.readAll(topics.catalog().labelResults(), "read_committed")))
                .hasSize(8).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
    }

    @Test
    void givenVersionsPublishedBeforeStart_whenStarting_thenWithoutModelDirTheNewestLoadsAndWithOneTheHistoryIsIgnored() {
        BrokerTopics topics = new BrokerTopics(kafka);
        Map<String, ModelVersion> history = new LinkedHashMap<>();
        for (String v : List.of("s3-old", "s3-new")) {
            history.put(v, ModelVersion.newBuilder().setStage(3).setVersion(v).setCheckpoint("/models/" + v).setCreatedAt(Instant.now()).build());
        }
        topics.write(topics.catalog().modelVersions(), history);
        topics.write(topics.catalog().modelVersions(), Map.of("s2-x", ModelVersion.newBuilder().setStage(2).setVersion("s2-x")
                .setCheckpoint("/models/s2-x").setCreatedAt(Instant.now()).build()));

        try (LabelerService s = new LabelerService(config("ppl", Map.of("medstream.labeler.model-dir", "")), topics.catalog(),
                topics.bootstrap(), LOADER, CLIENTS, BatchListener.NONE)) {
            s.start();
            topics.write(topics.catalog().labelRequests(), requests(0, 4));
            await().atMost(WAIT).until(() -> s.stats().committedRecords() == 4);
        }
        try (LabelerService s = new LabelerService(config("ppl", Map.of()), topics.catalog(), topics.bootstrap(), LOADER, CLIENTS,
                BatchListener.NONE)) {
            s.start();
            topics.write(topics.catalog().labelRequests(), requests(4, 8));
            await().atMost(WAIT).until(() -> s.stats().committedRecords() == 4);
        }

        Map<String, String> versionById = topics.readAll(topics.catalog().labelResults(), "read_committed").stream()
                .collect(Collectors.toMap(LabelResult::getRequestId, LabelResult::getModelVersion));
        assertThat(versionById).hasSize(8);
        for (int i = 0; i < 8; i++) assertThat(versionById.get("r" + i)).as("r" + i).isEqualTo(i < 4 ? "s3-new" : "s3-v1");
    }

    @Test
    void givenTwoWorkers_whenLabeling_thenBothShareThePartitionsAndEveryRequestIsLabeledOnce() {
        BrokerTopics topics = new BrokerTopics(kafka);
        java.util.Set<Integer> workersSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BatchListener seen = (worker, batch, records, version) -> workersSeen.add(worker);

        try (LabelerService s = new LabelerService(config("ppl", Map.of("medstream.labeler.devices", "cpu,cpu")), topics.catalog(),
                topics.bootstrap(), LOADER, CLIENTS, seen)) {
            s.start();
            // Work arrives once the group has settled with one partition per worker.
            await().atMost(WAIT).until(() -> s.assignments().stream().allMatch(a -> a.size() == 1));
            topics.write(topics.catalog().labelRequests(), requests(0, 40));
            await().atMost(WAIT).until(() -> s.stats().committedRecords() == 40);
            assertThat(s.modelVersions()).hasSize(2);
        }

        assertThat(workersSeen).containsExactlyInAnyOrder(0, 1);
        assertThat(countById(topics.readAll(topics.catalog().labelResults(), "read_committed")))
                .hasSize(40).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
    }

    @Test
    void givenRealTinyCheckpoints_whenANewVersionIsPublished_thenTheDjlModelIsSwappedAndResultsNameIt(@TempDir Path root)
            throws Exception {
        Path v1 = TinyCheckpoints.write(root, "s3-tiny-1", 1);
        Path v2 = TinyCheckpoints.write(root, "s3-tiny-2", 2);
        BrokerTopics topics = new BrokerTopics(kafka);
        LabelerConfig cfg = config("ppl", Map.of("medstream.labeler.model-dir", v1.toString(), "medstream.labeler.model-version", "s3-tiny-1"));

        try (LabelerService s = new LabelerService(cfg, topics.catalog(), topics.bootstrap(), DjlLabelingModel::load, CLIENTS,
                BatchListener.NONE)) {
            s.start();
            topics.write(topics.catalog().labelRequests(), requests(0, 6));
            await().atMost(WAIT).until(() -> s.stats().committedRecords() == 6);
            topics.write(topics.catalog().modelVersions(), Map.of("s3-tiny-2", ModelVersion.newBuilder().setStage(3)
                    .setVersion("s3-tiny-2").setParent("s3-tiny-1").setCheckpoint(v2.toString()).setCreatedAt(Instant.now()).build()));
            await().atMost(WAIT).until(() -> s.loadedVersions().equals(List.of("s3-tiny-2")));
            topics.write(topics.catalog().labelRequests(), requests(6, 12));
            await().atMost(WAIT).until(() -> s.stats().committedRecords() == 12);
            assertThat(s.modelVersions()).containsExactly("s3-tiny-2");
            assertThat(s.stats().modelLoadFailures()).isZero();
        }

        List<LabelResult> results = topics.readAll(topics.catalog().labelResults(), "read_committed");
        assertThat(countById(results)).hasSize(12).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
        for (LabelResult r : results) {
            int i = Integer.parseInt(r.getRequestId().substring(1));
            assertThat(r.getModelVersion()).as(r.getRequestId()).isEqualTo(i < 6 ? "s3-tiny-1" : "s3-tiny-2");
        }
        assertThat(results).allSatisfy(r -> assertThat(r.getLabel()).isIn("yes", "no", "maybe"));
        assertThat(topics.readAll(topics.catalog().dlq(), "read_committed")).isEmpty();
    }

    /** Takes {@code delay} per scoring call (in the inference thread), as a big model on a slow device would. */
    private record SlowModel(LexicalCueTestModel delegate, Duration delay) implements LabelingModel {
        @Override public String version() { return delegate.version(); }
        @Override public String device() { return delegate.device(); }
        @Override public int contextWindow() { return delegate.contextWindow(); }
        @Override public int countTokens(String text) { return delegate.countTokens(text); }
        @Override public List<String> generate(List<String> prompts, GenerationParams params) { return delegate.generate(prompts, params); }
        @Override public void close() { delegate.close(); }

        @Override
        public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
            long until = System.nanoTime() + delay.toNanos();
            while (System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
            }
            return delegate.scoreOptions(batch, mode);
        }
    }

}
