package medstream.labeler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import medstream.contracts.DeadLetter;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.ReasonCodes;
import medstream.labeler.model.ModelLoader;
import medstream.labeler.model.openai.TinyCompletionsServer;
import medstream.labeler.model.openai.TinyCompletionsServer.Fault;
import medstream.labeler.testing.BrokerTopics;
import medstream.labeler.testing.Requests;
import medstream.labeler.testing.TinyCheckpoints;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeler with {@code backend=openai} against an in-JVM completions server over the tiny model and a real (embedded)
 * broker: through scripted faults, a request the server never answers and a crash inside a transaction, every request
 * ends in exactly one committed result or dead letter, and the batch read again after the crash is answered from the
 * cache, so the server is paid once per prompt.
 */
class OpenAiLabelerIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Map<String, Object> CLIENTS = Map.of("session.timeout.ms", 6000, "heartbeat.interval.ms", 1000);
    private static final String MODEL = "tiny-served";
    private static final int N = 16;
    /** The openai backend ignores the checkpoint loader: a loader that fails proves it is never called. */
    private static final ModelLoader NO_CHECKPOINTS = (dir, version, device) -> {
        throw new AssertionError("backend openai must not load checkpoints, asked for " + dir);
    };

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static LabelerConfig config(TinyCompletionsServer server, Path checkpoint, Path cache) {
        Map<String, String> m = new HashMap<>(Map.of("medstream.labeler.strategy", "ppl", "medstream.labeler.batch-size", "4",
                "medstream.labeler.max-wait-ms", "50", "medstream.labeler.devices", "cpu", "medstream.labeler.instance-id", "oai-it",
                "medstream.labeler.backend", "openai", "medstream.labeler.openai.base-url", server.baseUrl(),
                "medstream.labeler.openai.model", MODEL, "medstream.labeler.openai.cache-dir", cache.toString()));
        m.putAll(Map.of("medstream.labeler.openai.tokenizer", checkpoint.resolve("tokenizer").resolve("tokenizer.json").toString(),
                "medstream.labeler.openai.max-retries", "3", "medstream.labeler.openai.timeout-ms", "5000"));
        return LabelerConfig.of(m);
    }

    /** Requests with contexts unique per id, so the server's answers can be counted per request. */
    private static Map<String, LabelRequest> requests() {
        Map<String, LabelRequest> m = new LinkedHashMap<>();
        String[] cues = {"Treatment improved survival", "Treatment did not change survival", "Whether treatment changes survival is unclear"};
        for (int i = 0; i < N; i++) {
            m.put("r" + i, Requests.request("r" + i, "Does the treatment improve survival?", cues[i % 3] + " (patient group " + i + ")."));
        }
        m.put("poison", Requests.request("poison", "Does POISON-PILL improve survival?", "Treatment improved survival."));
        return m;
    }

    @Test
    void givenFaultsAndACrashInsideATransaction_whenTheOpenAiLabelerRestarts_thenEveryRequestHasExactlyOneCommittedOutcome(
            @TempDir Path root) throws Exception {
        Path checkpoint = TinyCheckpoints.write(root, "tiny", 11);
        try (TinyCompletionsServer server = new TinyCompletionsServer(checkpoint, MODEL)) {
            server.failWhenPromptContains("POISON-PILL", Fault.SERVER_ERROR);
            server.script(Fault.RATE_LIMIT, Fault.SERVER_ERROR, Fault.DROP, Fault.MALFORMED);
            BrokerTopics topics = new BrokerTopics(kafka);
            topics.write(topics.catalog().labelRequests(), requests());
            LabelerConfig config = config(server, checkpoint, root.resolve("cache"));

            CrashInBatch dieInBatch3 = new CrashInBatch(3);
            LabelerService s1 = dieInBatch3.attach(new LabelerService(config, topics.catalog(), topics.bootstrap(), NO_CHECKPOINTS,
                    CLIENTS, dieInBatch3));
            s1.start();
            await().atMost(WAIT).until(dieInBatch3::crashed);
            s1.crash();
            long committedBeforeRestart = s1.stats().committedRecords();

            try (LabelerService s2 = new LabelerService(config, topics.catalog(), topics.bootstrap(), NO_CHECKPOINTS, CLIENTS,
                    BatchListener.NONE)) {
                s2.start();
                await().atMost(WAIT).until(() -> {
                    long[] lag = topics.groupLag("medstream-labeler", topics.catalog().labelRequests());
                    return lag[0] == lag[1] && lag[1] == N + 1;
                });
                assertThat(s2.isHealthy()).isTrue();
            }

            List<LabelResult> committed = topics.readAll(topics.catalog().labelResults(), "read_committed");
            List<LabelResult> everything = topics.readAll(topics.catalog().labelResults(), "read_uncommitted");
            List<DeadLetter> dead = topics.readAll(topics.catalog().dlq(), "read_committed");
            assertThat(committedBeforeRestart).isPositive().isLessThan(N + 1);
            assertThat(committed.stream().collect(Collectors.groupingBy(LabelResult::getRequestId, Collectors.counting())))
                    .hasSize(N).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(committed).allSatisfy(r -> {
                assertThat(r.getModelVersion()).isEqualTo("openai:" + MODEL);
                assertThat(r.getDevice()).startsWith("openai@127.0.0.1:");
                assertThat(r.getLabel()).isIn("yes", "no", "maybe");
            });
            // The abandoned transaction reached the log; only read_committed hides it.
            assertThat(everything.size()).isGreaterThan(committed.size());
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(StandardCharsets.UTF_8.decode(d.getInputKey()).toString()).isEqualTo("poison");
                assertThat(d.getErrorClass()).isEqualTo(ReasonCodes.BACKEND_ERROR);
                assertThat(d.getDescription()).contains("HTTP 500").contains("4 attempt(s)");
            });
            // Every scripted fault was met and retried; every option of every request was paid for once, crash or not.
            assertThat(server.faulted()).isGreaterThanOrEqualTo(4);
            for (int i = 0; i < N; i++) {
                assertThat(server.answeredContaining("(patient group " + i + ")")).as("answers for r%d", i).isEqualTo(3);
            }
        }
    }
}
