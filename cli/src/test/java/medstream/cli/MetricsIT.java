package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import medstream.cli.metrics.MetricsServer;
import medstream.contracts.CorpusText;
import medstream.contracts.LabelRequest;
import medstream.contracts.QaPair;
import medstream.experiments.bench.labeler.BenchModels;
import medstream.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.config.TrainerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics and health endpoint of {@code serve}, scraped over HTTP while a service runs against a real broker:
 * counters move as records flow, readiness turns from 503 to 200, and a service that fails says so on liveness.
 */
class MetricsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withHttpRegistry();

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final MetricsServer metrics = MetricsServer.start(0);
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        executor.shutdownNow();
        metrics.close();
    }

    private Settings settings(TopicCatalog catalog, Map<String, String> extra) {
        return ServeTestSettings.of(KAFKA, catalog, extra);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.port() + path))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the first series of {@code name} whose labels include {@code labels} ({@code key="value"}, ...). */
    private static OptionalDouble series(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (m.find()) {
            String found = m.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) return OptionalDouble.of(Double.parseDouble(m.group(2)));
        }
        return OptionalDouble.empty();
    }

    @Test
    void givenTheKnowledgeServiceWithMetrics_whenQaPairsFlow_thenRecordsInAndOutMoveLagShowsAndReadinessTurnsFrom503To200()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        CountDownLatch stop = new CountDownLatch(1);
        List<String> readiness = new CopyOnWriteArrayList<>();

        Future<Integer> exit = executor.submit(() -> ServeCommand.serve(ServeCommand.Service.knowledge, settings(catalog, Map.of()),
                Map.of(), dir.resolve("state"), Duration.ofSeconds(1), stop, log, metrics));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> r = get("/health/ready");
            readiness.add(r.statusCode() + " " + r.body());
            return r.statusCode() == 200;
        });
        Map<String, QaPair> pairs = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            pairs.put("medquad:" + i, QaPair.newBuilder().setId("medquad:" + i).setSource("medquad")
                    .setQuestion("What are the symptoms of anemia type " + i + "?")
                    .setAnswer("Fatigue, pale skin and shortness of breath are common symptoms of anemia type " + i + ".").build());
        }
        KAFKA.produce(catalog.rawQaPairs(), pairs);
        String in = "topic=\"" + catalog.rawQaPairs().name() + "\"";
        String out = "topic=\"" + catalog.stage2Instructions().name() + "\"";
        String[] scrape = new String[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            scrape[0] = get("/metrics").body();
            String ours = scrape[0].lines().filter(l -> l.startsWith("medstream_")).collect(Collectors.joining("\n"));
            // At least: fetches and sends of a transaction that was aborted and retried count again.
            assertThat(series(scrape[0], "medstream_records_in_total", "service=\"knowledge\"", in).orElse(0)).as(ours)
                    .isGreaterThanOrEqualTo(5.0);
            assertThat(series(scrape[0], "medstream_records_out_total", "service=\"knowledge\"", out).orElse(0)).as(ours)
                    .isGreaterThanOrEqualTo(5.0);
            assertThat(series(scrape[0], "medstream_consumer_lag", "service=\"knowledge\"").orElse(-1)).as(ours).isBetween(0.0, 5.0);
        });
        HttpResponse<String> live = get("/health/live");
        stop.countDown();

        assertThat(readiness.get(0)).startsWith("503").contains("\"knowledge\":{\"state\":\"starting\"");
        assertThat(readiness.get(readiness.size() - 1)).startsWith("200").contains("\"knowledge\":{\"state\":\"ready\"");
        assertThat(series(scrape[0], "medstream_dead_letters_total", "service=\"knowledge\"")).hasValue(0.0);
        assertThat(scrape[0]).contains("kafka_stream_thread_process_total", "kafka_consumer_fetch_manager_records_consumed_total");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(get("/metrics").body()).doesNotContain("service=\"knowledge\"");
    }

    @Test
    void givenATrainerThatCannotStart_whenServed_thenLivenessIs503WithTheCause() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        Settings settings = settings(catalog, Map.of(TrainerSettings.PRESET.key(), "tiny", TrainerSettings.STAGES.key(), "7",
                TrainerSettings.CHECKPOINT_DIR.key(), dir.resolve("checkpoints").toString()));

        assertThatThrownBy(() -> ServeCommand.serve(ServeCommand.Service.trainer, settings, Map.of(), dir.resolve("state"),
                Duration.ofSeconds(1), new CountDownLatch(1), log, metrics)).isInstanceOf(RuntimeException.class);
        HttpResponse<String> live = get("/health/live");

        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(live.body()).contains("\"trainer\":{\"state\":\"failed\",\"detail\":\"did not start: ");
    }

    /** Writes bytes that are not Avro onto {@code topic}, as a foreign producer could. */
    private static void produceNotAvro(Topic<String, ?> topic, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProps(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic.name(), ("not-avro-" + i).getBytes(StandardCharsets.UTF_8),
                        "{\"json\": \"not Avro\"}".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    /** Polls /metrics until {@code check} passes; returns the last scrape. */
    private String scrapeUntil(Duration atMost, java.util.function.Consumer<String> check) {
        String[] scrape = new String[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            scrape[0] = get("/metrics").body();
            check.accept(scrape[0]);
        });
        return scrape[0];
    }

    /** Waits for /health/ready: the service has provisioned its topics and started, so records produced now land. */
    private void awaitReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/health/ready").statusCode() == 200);
    }

    private static String lines(String scrape, String service) {
        return scrape.lines().filter(l -> l.contains("service=\"" + service + "\"")).collect(Collectors.joining("\n"));
    }

    @Test
    void givenTheLabelerServiceWithMetrics_whenGoodAndUnreadableRequestsArrive_thenItsKafkaClientMetersAndDeadLettersByClassMove()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        Path pqal = Path.of(System.getProperty("medstream.shared.data", "../../shared/data"), "pubmedqa-pqal", "pqal_trainval.json");
        Path model = BenchModels.labelerCheckpoint(pqal, "tiny", dir.resolve("model"));
        CountDownLatch stop = new CountDownLatch(1);
        Settings settings = settings(catalog, Map.of("medstream.labeler.model-dir", model.toString(), "medstream.labeler.strategy",
                "ppl", "medstream.labeler.devices", "cpu", "medstream.labeler.instance-id", "metrics-it", "medstream.labeler.max-wait-ms", "50"));
        Future<Integer> exit = executor.submit(() -> ServeCommand.serve(ServeCommand.Service.labeler, settings, Map.of(),
                dir.resolve("state"), Duration.ofSeconds(1), stop, log, metrics));
        awaitReady();

        Map<String, LabelRequest> requests = ServeTestRecords.labelRequests(3);
        KAFKA.produce(catalog.labelRequests(), requests);
        produceNotAvro(catalog.labelRequests(), 2);
        String scrape = scrapeUntil(Duration.ofSeconds(120), body -> {
            String ours = lines(body, "labeler");
            assertThat(series(body, "medstream_records_in_total", "service=\"labeler\"").orElse(0)).as(ours).isEqualTo(5.0);
            assertThat(series(body, "medstream_dead_letters_by_class_total", "service=\"labeler\"", "error_class=\"BAD_RECORD\""))
                    .as(ours).hasValue(2.0);
            assertThat(series(body, "kafka_consumer_fetch_manager_records_consumed_total", "service=\"labeler\"").orElse(0))
                    .as(ours).isGreaterThanOrEqualTo(5.0);
            // Three labels (and review copies) and two dead letters.
            assertThat(series(body, "kafka_producer_record_send_total", "service=\"labeler\"").orElse(0)).as(ours)
                    .isGreaterThanOrEqualTo(5.0);
        });
        stop.countDown();

        assertThat(series(scrape, "medstream_dead_letters_total", "service=\"labeler\"")).hasValue(2.0);
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(lines(get("/metrics").body(), "labeler")).as("no meter of the stopped service's clients is left").isEmpty();
    }

    @Test
    void givenTheTrainerServiceWithMetrics_whenTextUnreadableRecordsAndATriggerArrive_thenItsKafkaClientMetersAndDeadLettersByClassMove()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        CountDownLatch stop = new CountDownLatch(1);
        Settings settings = settings(catalog, Map.of(TrainerSettings.PRESET.key(), "tiny", TrainerSettings.STAGES.key(), "1",
                TrainerSettings.CHECKPOINT_DIR.key(), dir.resolve("checkpoints").toString()));
        Future<Integer> exit = executor.submit(() -> ServeCommand.serve(ServeCommand.Service.trainer, settings, Map.of(),
                dir.resolve("state"), Duration.ofSeconds(1), stop, log, metrics));
        awaitReady();

        Map<String, CorpusText> texts = ServeTestRecords.corpusTexts(40);
        KAFKA.produce(catalog.stage1Corpus(), texts);
        produceNotAvro(catalog.stage1Corpus(), 2);
        // Only triggers sent while the trainer is assigned count, so keep asking until the round's dead letters show.
        String scrape = scrapeUntil(Duration.ofSeconds(240), body -> {
            KAFKA.produce(catalog.trainTriggers(), ServeTestRecords.trigger(1));
            String ours = lines(body, "trainer");
            assertThat(series(body, "medstream_dead_letters_by_class_total", "service=\"trainer\"",
                    "error_class=\"trainer.unreadable\"")).as(ours).hasValue(2.0);
            assertThat(series(body, "kafka_consumer_fetch_manager_records_consumed_total", "service=\"trainer\"").orElse(0))
                    .as(ours).isGreaterThanOrEqualTo(42.0);
            // Two dead letters and at least one model version.
            assertThat(series(body, "kafka_producer_record_send_total", "service=\"trainer\"").orElse(0)).as(ours)
                    .isGreaterThanOrEqualTo(3.0);
        });
        stop.countDown();

        assertThat(series(scrape, "medstream_dead_letters_total", "service=\"trainer\"")).hasValue(2.0);
        assertThat(exit.get(120, TimeUnit.SECONDS)).isZero();
        assertThat(lines(get("/metrics").body(), "trainer")).as("no meter of the stopped service's clients is left").isEmpty();
    }
}
