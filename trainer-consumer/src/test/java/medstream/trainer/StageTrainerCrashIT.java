package medstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import medstream.contracts.CorpusText;
import medstream.contracts.ModelVersion;
import medstream.contracts.OffsetRange;
import medstream.lm.checkpoint.Checkpoint;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.checkpoint.VersionStore;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.testing.SharedData;
import medstream.trainer.testing.TrainerFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability: a trainer killed in the middle of a round and restarted trains every record exactly once and
 * ends with the same model as a run that never crashed.
 */
class StageTrainerCrashIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int RECORDS = 32;
    private static final int PER_ROUND = 8;

    @Test
    void givenATrainerKilledMidRound_whenRestarted_thenEveryRecordIsTrainedOnceAndTheModelMatchesAnUninterruptedRun(
            @TempDir Path tmp) throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        List<CorpusText> corpus = SharedData.corpus(RECORDS);
        Map<Integer, Integer> produced = TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), corpus);
        TrainingHyperparameters hyper = TrainerFixtures.tiny(PER_ROUND);

        // Reference: the same topic, trained without interruption.
        Path reference = tmp.resolve("reference");
        StageRun ref = new StageTrainer<>(StageSpec.STAGE1, TrainerFixtures.context(KAFKA, catalog, reference, hyper)
                .withGroupIdSuffix("-reference")).run(true, Budget.UNLIMITED);
        assertThat(ref.rounds()).hasSize(RECORDS / PER_ROUND);

        // Crash: round 2 is interrupted at its third step from outside, like a killed process.
        Path crashed = tmp.resolve("crashed");
        TrainerFixtures.Versions firstRun = new TrainerFixtures.Versions();
        TrainerContext crashCtx = TrainerFixtures.context(KAFKA, catalog, crashed, hyper).withGroupIdSuffix("-crash");
        Throwable failure = TrainerFixtures.killStage1At(crashCtx, 2, 3, firstRun);
        assertThat(failure).isInstanceOf(TrainerCrashedException.class);
        assertThat(firstRun.versions).extracting(ModelVersion::getVersion).containsExactly("s1-v0001", "s1-v0002");
        assertThat(new VersionStore(crashed, 1).versionsNewestFirst()).hasSize(2); // round 2 left nothing behind

        // Restart: resumes from s1-v0002 and trains the rest.
        TrainerFixtures.Versions secondRun = new TrainerFixtures.Versions();
        StageRun resumed = new StageTrainer<>(StageSpec.STAGE1, crashCtx.withListener(secondRun)).run(true,
                Budget.UNLIMITED);
        assertThat(resumed.resumedFrom()).isEqualTo("s1-v0002");
        assertThat(resumed.stop()).isEqualTo(StageRun.StopReason.DRAINED);

        // Exactly once, from the final checkpoint's data statistics ...
        Checkpoint last = Checkpoint.open(resumed.rounds().get(resumed.rounds().size() - 1).checkpoint());
        String topic = catalog.stage1Corpus().name();
        for (Map.Entry<Integer, Integer> e : produced.entrySet()) {
            assertThat(last.dataStats().get("records." + topic + "-" + e.getKey()).longValue())
                    .as("records trained from partition %d", e.getKey()).isEqualTo(e.getValue().longValue());
        }
        assertThat(last.dataStats().get("records").longValue()).isEqualTo(RECORDS);
        // ... and from the published offset ranges: contiguous, no overlap, covering every offset.
        List<ModelVersion> all = new java.util.ArrayList<>(firstRun.versions);
        all.addAll(secondRun.versions);
        Map<Integer, Long> covered = new TreeMap<>();
        for (ModelVersion v : all) {
            for (OffsetRange r : v.getOffsetRanges()) {
                assertThat(r.getFromOffset()).isEqualTo(covered.getOrDefault(r.getPartition(), 0L));
                covered.put(r.getPartition(), r.getToOffset());
            }
        }
        assertThat(covered).isEqualTo(last.offsets().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> Integer.parseInt(e.getKey().substring(topic.length() + 1)), Map.Entry::getValue, (a, b) -> a,
                TreeMap::new)));
        produced.forEach((p, n) -> assertThat(covered.get(p)).isGreaterThanOrEqualTo(n.longValue()));

        // The resumed model is the uninterrupted one.
        Path refLast = ref.rounds().get(ref.rounds().size() - 1).checkpoint();
        assertThat(last.step()).isEqualTo(Checkpoint.open(refLast).step());
        // "Equal up to floating-point noise": PyTorch's multi-threaded CPU kernels do not sum in a fixed order,
        // and AdamW turns tiny gradient differences into updates of up to the learning rate for parameters with
        // near-zero gradients. So the noise is measured against what one round of training changes: a resume
        // that retrained a record twice, skipped one or replayed other rows would differ by about as much.
        double noise = TrainerFixtures.maxParameterDifference(refLast, last.dir());
        double oneRound = TrainerFixtures.maxParameterDifference(refLast,
                ref.rounds().get(ref.rounds().size() - 2).checkpoint());
        System.out.printf("resumed vs uninterrupted: max |dw| %.3g; last round of training moved weights by %.3g%n",
                noise, oneRound);
        assertThat(noise).isLessThan(5e-4).isLessThan(oneRound / 10);
    }

    @Test
    void givenATrainerKilledBetweenACheckpointAndItsPublication_whenRestartedTwice_thenTheVersionIsPublishedOnceWithItsRecord(
            @TempDir Path tmp) throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), SharedData.corpus(2 * PER_ROUND));
        TrainerContext ctx = TrainerFixtures.context(KAFKA, catalog, tmp, TrainerFixtures.tiny(PER_ROUND))
                .withGroupIdSuffix("-unpublished");

        // Killed after round 2's checkpoint is on disk, before its model.versions record is sent.
        AtomicReference<ModelVersion> checkpointed = new AtomicReference<>();
        TrainerListener killer = new TrainerListener() {
            @Override
            public void onCheckpointed(ModelVersion v) {
                if (v.getVersion().equals("s1-v0002")) {
                    checkpointed.set(v);
                    throw new IllegalStateException("killed between the checkpoint of " + v.getVersion() + " and its publication");
                }
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StageTrainer<>(StageSpec.STAGE1, ctx.withListener(killer))
                .run(true, Budget.UNLIMITED)).isInstanceOf(TrainerCrashedException.class);
        assertThat(new VersionStore(tmp, 1).versionsNewestFirst()).hasSize(2);
        assertThat(published(catalog)).containsOnlyKeys("s1-v0001");

        // First restart: resumes from s1-v0002 and publishes the record its checkpoint kept, unchanged.
        TrainerFixtures.Versions restarted = new TrainerFixtures.Versions();
        StageRun second = new StageTrainer<>(StageSpec.STAGE1, ctx.withListener(restarted)).run(true, Budget.UNLIMITED);
        assertThat(second.resumedFrom()).isEqualTo("s1-v0002");
        assertThat(restarted.versions).containsExactly(checkpointed.get());
        // Nothing was left to train, so no round ran: the group's offsets still reach the end (lag 0), from the
        // checkpoint, although the killed run never made its group commit after round 2.
        long committed = KAFKA.admin().listConsumerGroupOffsets(StageSpec.STAGE1.groupId() + "-unpublished")
                .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(o -> o.offset()).sum();
        assertThat(committed).isEqualTo(2L * PER_ROUND);
        // Second restart: the version is on the topic now, so nothing is published again.
        TrainerFixtures.Versions again = new TrainerFixtures.Versions();
        new StageTrainer<>(StageSpec.STAGE1, ctx.withListener(again)).run(true, Budget.UNLIMITED);

        assertThat(again.versions).isEmpty();
        Map<String, List<ModelVersion>> onTopic = published(catalog);
        assertThat(onTopic).containsOnlyKeys("s1-v0001", "s1-v0002");
        assertThat(onTopic.get("s1-v0002")).containsExactly(checkpointed.get());
        assertThat(onTopic.get("s1-v0002").get(0).getOffsetRanges()).isNotEmpty();
    }

    /** Every record on model.versions, by key, in offset order (duplicates kept). */
    private static Map<String, List<ModelVersion>> published(TopicCatalog catalog) {
        Map<String, List<ModelVersion>> out = new TreeMap<>();
        // Asks for more than can be there, so it reads until the deadline and sees every record.
        KAFKA.consume(catalog.modelVersions(), Integer.MAX_VALUE, java.time.Duration.ofSeconds(5))
                .forEach(r -> out.computeIfAbsent(r.key(), k -> new java.util.ArrayList<>()).add(r.value()));
        return out;
    }
}
