package medstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import medstream.contracts.CorpusText;
import medstream.contracts.DeadLetter;
import medstream.contracts.TrainTrigger;
import medstream.lm.checkpoint.Checkpoint;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.testing.SharedData;
import medstream.trainer.testing.TestTokenizers;
import medstream.trainer.testing.TrainerFixtures;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The stage trainer against a real broker: group membership, offsets from checkpoints, damaged checkpoints. */
class StageTrainerIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int MAX_POLL_INTERVAL_MS = 1_000;

    @Test
    void givenARoundLongerThanMaxPollInterval_whenTraining_thenTheConsumerKeepsItsGroupMembership(@TempDir Path root)
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), SharedData.corpus(32));
        // The small preset makes every step take hundreds of milliseconds even on a fast machine.
        TrainingHyperparameters small = TrainingHyperparameters.forPreset("small");
        StageConfig s1 = small.stage1();
        small = small.withStage(s1.withTriggers(s1.triggers().withMaxTokens(Long.MAX_VALUE).withMaxAge(null)))
                .withEval(new TrainingHyperparameters.EvalConfig(0, 0, false));
        StageTrainer<CorpusText> trainer = new StageTrainer<>(StageSpec.STAGE1,
                TrainerFixtures.context(KAFKA, catalog, root, small).withInitialTokenizer(TestTokenizers.tiny())
                        .withGroupIdSuffix("-long-round")
                        .withConsumerOverrides(Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, MAX_POLL_INTERVAL_MS)));

        StageRun run = trainer.run(true, Budget.UNLIMITED);

        assertThat(run.rounds()).hasSize(1);
        RoundResult round = run.rounds().get(0);
        assertThat(round.trainSeconds()).as("precondition: the round outlasts max.poll.interval.ms")
                .isGreaterThan(3.0 * MAX_POLL_INTERVAL_MS / 1000);
        assertThat(trainer.assignments()).isEqualTo(1);
        assertThat(trainer.revocations()).isZero();
        // A member thrown out of its group cannot commit; the informational commit went through.
        Map<TopicPartition, OffsetAndMetadata> committed = KAFKA.admin()
                .listConsumerGroupOffsets("medstream-trainer-stage1-long-round").partitionsToOffsetAndMetadata().get();
        Checkpoint c = Checkpoint.open(round.checkpoint());
        committed.forEach((tp, om) -> assertThat(om.offset()).isEqualTo(c.offsets().get(tp.topic() + "-" + tp.partition())));
        assertThat(committed).hasSize(2);
    }

    @Test
    void givenGroupOffsetsResetToZero_whenRestarted_thenTheTrainerSeeksToItsCheckpointAndTrainsOnlyNewRecords(
            @TempDir Path root) throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        List<CorpusText> first = new ArrayList<>(SharedData.corpus(12));
        first.set(5, CorpusText.newBuilder(first.get(5)).setText("   ").build()); // cannot be formatted: DLQ
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), first);
        TrainerContext ctx = TrainerFixtures.context(KAFKA, catalog, root, TrainerFixtures.tiny(6))
                .withGroupIdSuffix("-seek");
        StageRun one = new StageTrainer<>(StageSpec.STAGE1, ctx).run(true, Budget.UNLIMITED);
        Checkpoint afterOne = Checkpoint.open(one.rounds().get(one.rounds().size() - 1).checkpoint());
        String topic = catalog.stage1Corpus().name();
        assertThat(afterOne.offsets()).containsEntry(topic + "-0", 6L).containsEntry(topic + "-1", 6L);

        // The group's commits say "start over"; the checkpoint must win.
        KAFKA.admin().alterConsumerGroupOffsets("medstream-trainer-stage1-seek", Map.of(
                new TopicPartition(topic, 0), new OffsetAndMetadata(0), new TopicPartition(topic, 1),
                new OffsetAndMetadata(0))).all().get();
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), SharedData.corpus(16).subList(12, 16));
        StageRun two = new StageTrainer<>(StageSpec.STAGE1, ctx).run(true, Budget.UNLIMITED);

        assertThat(two.resumedFrom()).isEqualTo(afterOne.version());
        assertThat(two.rounds()).hasSize(1);
        assertThat(two.rounds().get(0).version().getOffsetRanges()).allSatisfy(r -> {
            assertThat(r.getFromOffset()).isEqualTo(6L);
            assertThat(r.getToOffset()).isEqualTo(8L);
        });
        Checkpoint last = Checkpoint.open(two.rounds().get(0).checkpoint());
        assertThat(last.dataStats().get("records").longValue()).isEqualTo(15); // 16 produced, 1 dead letter
        assertThat(last.dataStats().get("deadLetters").longValue()).isEqualTo(1);
        assertThat(KAFKA.deadLetters(catalog).byErrorClass()).containsEntry("trainer.empty", 1L);
        // Keyed and stamped as every DLQ producer does: the input's key ("k5", produced sixth) and timestamp.
        ConsumerRecord<String, DeadLetter> letter = KAFKA.consume(catalog.dlq(), 1, Duration.ofSeconds(30)).get(0);
        ConsumerRecord<String, CorpusText> input = KAFKA.consume(catalog.stage1Corpus(), 16, Duration.ofSeconds(30))
                .stream().filter(r -> "k5".equals(r.key())).findFirst().orElseThrow();
        assertThat(letter.key()).isEqualTo("k5");
        assertThat(letter.timestamp()).isEqualTo(input.timestamp());
        assertThat(letter.value().getInputTimestamp()).isEqualTo(Instant.ofEpochMilli(input.timestamp()));
    }

    @Test
    void givenATombstoneForAWaitingRecordsKey_whenTrained_thenThatRecordIsWithdrawnNotTrainedAndNothingIsADeadLetter(
            @TempDir Path root) throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        List<CorpusText> texts = SharedData.corpus(8);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), texts);
        // Key k3 went to partition 1 (round robin); its tombstone goes there too, as a keyed producer's would.
        String topic = catalog.stage1Corpus().name();
        try (KafkaProducer<String, CorpusText> producer = new KafkaProducer<>(KAFKA.producerProps(),
                catalog.stage1Corpus().keySerde().serializer(), catalog.stage1Corpus().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic, 1, "k3", null)).get();
        }
        TrainerContext ctx = TrainerFixtures.context(KAFKA, catalog, root, TrainerFixtures.tiny(100))
                .withInitialTokenizer(TestTokenizers.tiny()).withGroupIdSuffix("-withdraw");

        StageRun run = new StageTrainer<>(StageSpec.STAGE1, ctx).run(true, Budget.UNLIMITED);

        assertThat(run.rounds()).hasSize(1);
        Checkpoint c = Checkpoint.open(run.rounds().get(0).checkpoint());
        assertThat(c.dataStats().get("records").longValue()).as("8 produced, k3 withdrawn").isEqualTo(7);
        assertThat(c.dataStats().get("deadLetters").longValue()).isZero();
        assertThat(c.offsets()).containsEntry(topic + "-0", 4L).containsEntry(topic + "-1", 5L); // the tombstone is passed
        assertThat(KAFKA.count(catalog.dlq())).isZero();
    }

    @Test
    void givenTheNewestCheckpointDamaged_whenRestarted_thenItFallsBackVisiblyAndRetrainsThatVersionsRecords(
            @TempDir Path root) throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), SharedData.corpus(8));
        TrainerContext ctx = TrainerFixtures.context(KAFKA, catalog, root, TrainerFixtures.tiny(4))
                .withGroupIdSuffix("-damaged");
        StageRun one = new StageTrainer<>(StageSpec.STAGE1, ctx).run(true, Budget.UNLIMITED);
        assertThat(one.rounds()).hasSize(2);
        Path newest = one.rounds().get(1).checkpoint();
        Files.write(newest.resolve(Checkpoint.PARAMETERS), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        StageRun two = new StageTrainer<>(StageSpec.STAGE1, ctx).run(true, Budget.UNLIMITED);

        assertThat(two.resumedFrom()).isEqualTo(one.rounds().get(0).version().getVersion());
        assertThat(two.skippedCheckpoints()).singleElement().asString().startsWith(newest.getFileName().toString())
                .contains(Checkpoint.PARAMETERS);
        assertThat(two.rounds()).hasSize(1);
        RoundResult redo = two.rounds().get(0);
        assertThat(redo.version().getVersion()).isEqualTo("s1-v0003"); // a damaged version's name is never reused
        assertThat(redo.version().getOffsetRanges()).isEqualTo(one.rounds().get(1).version().getOffsetRanges());
        assertThat(Checkpoint.open(redo.checkpoint()).dataStats().get("records").longValue()).isEqualTo(8);
    }

    @Test
    void givenAServiceBelowEveryLimit_whenATrainTriggerForItsStageArrives_thenItTrainsWhatIsBuffered(
            @TempDir Path root) throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), SharedData.corpus(4));
        TrainingHyperparameters hyper = TrainerFixtures.tiny(1_000); // far above 4 records, no caught-up trigger
        TrainerFixtures.Versions versions = new TrainerFixtures.Versions();
        StageTrainer<CorpusText> trainer = new StageTrainer<>(StageSpec.STAGE1, TrainerFixtures.context(KAFKA, catalog,
                root, hyper).withInitialTokenizer(TestTokenizers.tiny()).withGroupIdSuffix("-service")
                .withListener(versions));
        AtomicReference<StageRun> result = new AtomicReference<>();
        Thread service = new Thread(() -> result.set(trainer.run(false, Budget.UNLIMITED)), "stage1-service");
        service.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> trainer.assignments() == 1);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10)).until(() -> versions.versions.isEmpty());

            KAFKA.produce(catalog.trainTriggers(), Map.of(
                    "other", TrainTrigger.newBuilder().setStage(2).setReason("manual")
                            .setRequestedAt(Instant.now()).build()));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10)).until(() -> versions.versions.isEmpty());
            KAFKA.produce(catalog.trainTriggers(), Map.of(
                    "mine", TrainTrigger.newBuilder().setStage(1).setReason("manual")
                            .setRequestedAt(Instant.now()).build()));
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> versions.versions.size() == 1);
        } finally {
            trainer.stop();
            service.join(120_000);
        }
        assertThat(result.get().stop()).isEqualTo(StageRun.StopReason.STOPPED);
        assertThat(versions.versions.get(0).getOffsetRanges()).allSatisfy(r -> {
            assertThat(r.getFromOffset()).isZero();
            assertThat(r.getToOffset()).isEqualTo(2L);
        });
    }
}
