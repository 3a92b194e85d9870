package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import medstream.contracts.CorpusText;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.ModelVersion;
import medstream.contracts.QaPair;
import medstream.experiments.bench.labeler.BenchModels;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.config.TrainerSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./medstream serve} against a broker and HTTP registry it did not start: each service runs until its stop
 * latch (the shutdown hook in a real process) is released, and does its work meanwhile.
 */
class ServeCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withHttpRegistry();

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private Settings settings(TopicCatalog catalog, Map<String, String> extra) {
        return ServeTestSettings.of(KAFKA, catalog, extra);
    }

    private Future<Integer> serve(ServeCommand.Service service, Settings settings, CountDownLatch stop) {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        return executor.submit(() -> ServeCommand.serve(service, settings, Map.of(), dir.resolve("state"), Duration.ofSeconds(1), stop, out));
    }

    @Test
    void givenTheKnowledgeService_whenAQaPairArrives_thenItBecomesAnInstructionAndTheServiceStopsCleanlyOnRequest() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        CountDownLatch stop = new CountDownLatch(1);
        Future<Integer> exit = serve(ServeCommand.Service.knowledge, settings(catalog, Map.of()), stop);

        await().atMost(Duration.ofSeconds(60)).until(() -> log.toString(StandardCharsets.UTF_8).contains("state RUNNING"));
        KAFKA.produce(catalog.rawQaPairs(), Map.of("medquad:1", QaPair.newBuilder().setId("medquad:1").setSource("medquad")
                .setQuestion("What are the symptoms of anemia?")
                .setAnswer("Fatigue, pale skin and shortness of breath are common symptoms of anemia.").build()));
        List<ConsumerRecord<String, ?>> instructions = List.copyOf(KAFKA.consume(catalog.stage2Instructions(), 1, Duration.ofSeconds(60)));
        stop.countDown();

        assertThat(instructions).hasSize(1);
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Effective configuration of the knowledge service:",
                "medstream.knowledge.kg.scales", "medstream knowledge: started", "medstream knowledge: stopping");
    }

    @Test
    void givenTheLabelerServiceWithAModel_whenRequestsArrive_thenEachGetsExactlyOneCommittedResult() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        Path pqal = Path.of(System.getProperty("medstream.shared.data", "../../shared/data"), "pubmedqa-pqal", "pqal_trainval.json");
        Path model = BenchModels.labelerCheckpoint(pqal, "tiny", dir.resolve("model"));
        CountDownLatch stop = new CountDownLatch(1);
        Future<Integer> exit = serve(ServeCommand.Service.labeler, settings(catalog, Map.of("medstream.labeler.model-dir", model.toString(),
                "medstream.labeler.strategy", "ppl", "medstream.labeler.devices", "cpu", "medstream.labeler.instance-id", "serve-it",
                "medstream.labeler.max-wait-ms", "50")), stop);

        Map<String, LabelRequest> requests = ServeTestRecords.labelRequests(6);
        KAFKA.produce(catalog.labelRequests(), requests);
        List<ConsumerRecord<String, LabelResult>> results = KAFKA.consume(catalog.labelResults(), 6, Duration.ofSeconds(120));
        stop.countDown();

        assertThat(results).extracting(r -> r.value().getRequestId()).containsExactlyInAnyOrderElementsOf(requests.keySet());
        assertThat(results).allSatisfy(r -> assertThat(r.value().getLabel()).isIn("yes", "no", "maybe"));
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void givenTheTrainerServiceOnStage1_whenTextAndATriggerArrive_thenItPublishesAVersionWhoseCheckpointHoldsTheOffsets() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        CountDownLatch stop = new CountDownLatch(1);
        Path checkpoints = dir.resolve("checkpoints");
        Future<Integer> exit = serve(ServeCommand.Service.trainer, settings(catalog, Map.of(TrainerSettings.PRESET.key(), "tiny",
                TrainerSettings.STAGES.key(), "1", TrainerSettings.CHECKPOINT_DIR.key(), checkpoints.toString())), stop);

        Map<String, CorpusText> texts = ServeTestRecords.corpusTexts(40);
        KAFKA.produce(catalog.stage1Corpus(), texts);
        // Only triggers sent while the trainer is assigned count (it seeks the trigger topic to its end on
        // assignment), so keep asking until a version appears.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            KAFKA.produce(catalog.trainTriggers(), ServeTestRecords.trigger(1));
            return KAFKA.count(catalog.modelVersions()) > 0;
        });
        List<ConsumerRecord<String, ModelVersion>> versions = KAFKA.consume(catalog.modelVersions(), 1, Duration.ofSeconds(180));
        stop.countDown();

        ModelVersion v = versions.get(0).value();
        assertThat(v.getStage()).isEqualTo(1);
        assertThat(Path.of(v.getCheckpoint())).startsWith(checkpoints).isDirectory();
        assertThat(v.getOffsetRanges()).isNotEmpty();
        assertThat(exit.get(120, TimeUnit.SECONDS)).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("medstream trainer: started (preset tiny, stages [1]");
    }

    @Test
    void givenAnEmbeddedBootstrap_whenServing_thenTheCommandRefusesWithUsageGuidance() {
        assertThat(Main.run("serve", "labeler", "--registry", KAFKA.registryUrl())).isNotZero();
    }
}
