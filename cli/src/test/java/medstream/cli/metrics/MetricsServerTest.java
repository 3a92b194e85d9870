package medstream.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final MetricsServer server = MetricsServer.start(0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenAServiceCounter_whenItsSourceMoves_thenTheScrapeShowsTheNewTotalWithTheServiceTag() throws Exception {
        AtomicLong in = new AtomicLong(3);
        server.service("knowledge").counter(Names.RECORDS_IN, "records in", in::get, "topic", "raw.qa");

        String before = get("/metrics").body();
        in.set(10);
        String after = get("/metrics").body();

        assertThat(before).contains("medstream_records_in_total{service=\"knowledge\",topic=\"raw.qa\"} 3.0");
        assertThat(after).contains("medstream_records_in_total{service=\"knowledge\",topic=\"raw.qa\"} 10.0");
        assertThat(after).contains("jvm_memory_used_bytes");
    }

    @Test
    void givenCountersByReason_whenANewReasonAppears_thenItGetsItsOwnSeriesOnTheNextScrape() throws Exception {
        Map<String, Long> byReason = new ConcurrentHashMap<>(Map.of("quality_min_length", 2L));
        server.service("cleaning").countersByTag(Names.REJECTS, "rejects", "reason", () -> byReason);

        String first = get("/metrics").body();
        byReason.put("pii", 1L);
        byReason.put("quality_min_length", 5L);
        String second = get("/metrics").body();

        assertThat(first).contains("medstream_rejects_total{reason=\"quality_min_length\",service=\"cleaning\"} 2.0")
                .doesNotContain("reason=\"pii\"");
        assertThat(second).contains("medstream_rejects_total{reason=\"quality_min_length\",service=\"cleaning\"} 5.0",
                "medstream_rejects_total{reason=\"pii\",service=\"cleaning\"} 1.0");
    }

    @Test
    void givenAModelVersionInfo_whenTheVersionChanges_thenTheOldOneReadsZeroAndTheNewOneOne() throws Exception {
        List<String> loaded = new CopyOnWriteArrayList<>(List.of("stage3/v0001"));
        server.service("labeler").infoByTag(Names.MODEL_VERSION, "version", "version", () -> loaded);

        get("/metrics");
        loaded.set(0, "stage3/v0002");
        String body = get("/metrics").body();

        assertThat(body).contains("medstream_model_version{service=\"labeler\",version=\"stage3/v0001\"} 0.0",
                "medstream_model_version{service=\"labeler\",version=\"stage3/v0002\"} 1.0");
    }

    @Test
    void givenAServiceCatchingUp_whenItCatchesUp_thenReadyGoesFrom503To200AndLiveStays200() throws Exception {
        AtomicReference<Health> health = new AtomicReference<>(Health.catchingUp(42));
        server.service("trainer").health(health::get);

        HttpResponse<String> catchingUp = get("/health/ready");
        HttpResponse<String> liveMeanwhile = get("/health/live");
        health.set(Health.ready("caught up (lag 0)"));
        HttpResponse<String> ready = get("/health/ready");

        assertThat(catchingUp.statusCode()).isEqualTo(503);
        assertThat(catchingUp.body()).contains("\"status\":\"DOWN\"", "\"trainer\":{\"state\":\"catching-up\",\"detail\":\"consumer lag 42\"}");
        assertThat(liveMeanwhile.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void givenTwoServicesOneFailed_whenAskedIfLive_then503NamesTheFailedOneAndItsCause() throws Exception {
        server.service("knowledge").health(() -> Health.ready("ok"));
        server.service("cleaning").health(() -> Health.failed("Streams state ERROR: \"bad\" record"));

        HttpResponse<String> live = get("/health/live");

        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(live.body()).contains("\"knowledge\":{\"state\":\"ready\"",
                "\"cleaning\":{\"state\":\"failed\",\"detail\":\"Streams state ERROR: \\\"bad\\\" record\"}");
    }

    @Test
    void givenAClosedService_whenScraped_thenItsMetersAreGoneButItsLastHealthRemains() throws Exception {
        ServiceMeters meters = server.service("labeler");
        meters.counter(Names.DEAD_LETTERS, "dead letters", () -> 1);
        meters.health(() -> Health.failed("worker 0 died"));

        meters.close();

        assertThat(get("/metrics").body()).doesNotContain("medstream_dead_letters_total");
        assertThat(get("/health/live").statusCode()).isEqualTo(503);
    }

    @Test
    void givenACounterWhoseSupplierNothingElseHolds_whenTheHeapIsCollected_thenTheCounterStillReads() throws Exception {
        server.service("labeler").counter(Names.LABELER_BATCHES, "batches", () -> 7);

        System.gc();

        assertThat(get("/metrics").body()).contains("medstream_labeler_batches_total{service=\"labeler\"} 7.0");
    }

    @Test
    void givenNoServiceYet_whenAskedIfReady_thenNot() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }
}
