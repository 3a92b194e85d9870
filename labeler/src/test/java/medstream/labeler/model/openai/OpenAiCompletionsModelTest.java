package medstream.labeler.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import medstream.contracts.LabelRequest;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.core.ReasonCodes;
import medstream.labeler.model.DjlLabelingModel;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.openai.TinyCompletionsServer.Fault;
import medstream.labeler.testing.Requests;
import medstream.labeler.testing.TinyCheckpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HTTP backend against an in-JVM completions server over the tiny model: same numbers as in process, faults survived. */
class OpenAiCompletionsModelTest {
    private static final String MODEL = "tiny-served";
    private static final List<PromptWithOptions> BATCH = List.of(
            new PromptWithOptions("Question: Does the treatment improve survival? Answer:", List.of(" yes", " no", " maybe")),
            new PromptWithOptions("Context: Treatment did not change survival in the patients studied. The answer is",
                    List.of(" yes", " no", " maybe")),
            new PromptWithOptions("Is this explanation supported by the context? Answer yes or no:", List.of(" yes", " no")));

    @TempDir
    static Path root;
    private static Path checkpoint;
    private static TinyCompletionsServer server;
    private static DjlLabelingModel local;

    @BeforeAll
    static void serveTheTinyModel() throws Exception {
        checkpoint = TinyCheckpoints.write(root, "tiny", 7);
        server = new TinyCompletionsServer(checkpoint, MODEL);
        local = DjlLabelingModel.load(checkpoint, "local", "cpu");
    }

    @AfterAll
    static void stop() {
        server.close();
        local.close();
    }

    /**
     * A client with a short timeout and millisecond backoffs (Retry-After still honoured, capped at 1 s), counting tokens
     * with the served model's tokenizer file.
     */
    private static OpenAiCompletionsModel model(Path cacheDir, int maxRetries) {
        OpenAiConfig c = new OpenAiConfig(URI.create(server.baseUrl()), MODEL, "", 4, Duration.ofMillis(700), maxRetries, cacheDir, 0,
                checkpoint.resolve("tokenizer").resolve("tokenizer.json"), true);
        return new OpenAiCompletionsModel(c, new CompletionClient(c, new RetryPolicy(maxRetries, Duration.ofMillis(5),
                Duration.ofSeconds(1)), new CompletionCache(cacheDir), () -> 0.5), null);
    }

    @Test
    void givenTheSameTinyModel_whenOptionsAreScoredOverHttpAndInProcess_thenTheLogProbabilitiesAgree(@TempDir Path cache) {
        try (OpenAiCompletionsModel remote = model(cache, 0)) {
            List<OptionScores> http = remote.scoreOptions(BATCH);
            List<OptionScores> inProcess = local.scoreOptions(BATCH);

            for (int p = 0; p < BATCH.size(); p++) {
                assertThat(http.get(p).tokenCount()).as("prompt %d", p).containsExactly(inProcess.get(p).tokenCount());
                for (int o = 0; o < http.get(p).size(); o++) {
                    assertThat(http.get(p).total(o)).as("prompt %d option %d", p, o).isCloseTo(inProcess.get(p).total(o), within(1e-5));
                }
            }
            assertThat(remote.contextWindow()).isEqualTo(local.contextWindow());
            assertThat(remote.countTokens(BATCH.get(1).prompt())).isEqualTo(local.countTokens(BATCH.get(1).prompt()));
            assertThat(remote.version()).isEqualTo("openai:" + MODEL);
        }
    }

    @Test
    void givenTheSameTinyModel_whenGeneratingGreedilyOverHttpAndInProcess_thenTheTextsAreEqual(@TempDir Path cache) {
        List<String> prompts = List.of("Assume the answer is yes. Using only the context, explain why. Explanation:",
                "Context: Treatment improved survival");
        try (OpenAiCompletionsModel remote = model(cache, 0)) {
            GenerationParams greedy = GenerationParams.greedy(12);

            assertThat(remote.generate(prompts, greedy)).isEqualTo(local.generate(prompts, greedy));
        }
    }

    @Test
    void givenStructuredChoice_whenSamplingAnAnswerOverHttp_thenTheServerIsHeldToTheOptionsAndPicksTheLikeliest(@TempDir Path cache) {
        String prompt = BATCH.get(1).prompt();
        List<String> options = List.of("yes", "no", "maybe");
        try (OpenAiCompletionsModel remote = model(cache, 0)) {
            String answer = remote.generate(List.of(prompt), GenerationParams.sampling(4, 0.8, 0, 3).withChoices(options)).get(0);

            double[] local = OpenAiCompletionsModelTest.local.scoreOptions(List.of(new PromptWithOptions(prompt, options))).get(0).sumLogProb();
            int best = 0;
            for (int i = 1; i < local.length; i++) if (local[i] > local[best]) best = i;
            assertThat(answer).isEqualTo(options.get(best));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RATE_LIMIT", "SERVER_ERROR", "SLOW", "DROP", "MALFORMED"})
    void givenOneFault_whenScoring_thenTheRequestIsRetriedAndScoresAsWithoutIt(Fault fault, @TempDir Path cache) {
        List<PromptWithOptions> one = List.of(new PromptWithOptions(BATCH.get(0).prompt(), List.of(" yes")));
        try (OpenAiCompletionsModel remote = model(cache, 2)) {
            int faultedBefore = server.faulted();
            server.script(fault);

            List<OptionScores> scores = remote.scoreOptions(one);

            assertThat(server.faulted() - faultedBefore).isEqualTo(1);
            assertThat(remote.client().retries()).isEqualTo(1);
            assertThat(scores.get(0).total(0)).isCloseTo(local.scoreOptions(one).get(0).total(0), within(1e-5));
        }
    }

    @Test
    void givenAServerThatKeepsFailing_whenScoring_thenTheRetriesEndInAnErrorThatSaysWhatHappened(@TempDir Path cache) {
        server.failWhenPromptContains("ALWAYS-500", Fault.SERVER_ERROR);
        try (OpenAiCompletionsModel remote = model(cache, 2)) {
            List<PromptWithOptions> poisoned = List.of(new PromptWithOptions("ALWAYS-500 Answer:", List.of(" yes")));
            long sentBefore = remote.client().sent();

            assertThatThrownBy(() -> remote.scoreOptions(poisoned)).isInstanceOf(OpenAiException.class)
                    .hasMessageContaining("failed after 3 attempt(s)").hasMessageContaining("HTTP 500")
                    .hasMessageContaining(server.baseUrl() + "/completions");
            assertThat(remote.client().sent() - sentBefore).isEqualTo(3);
        }
    }

    @Test
    void givenABadRequest_whenScoring_thenItIsNotRetried(@TempDir Path cache) {
        try (OpenAiCompletionsModel remote = model(cache, 3)) {
            server.script(Fault.BAD_REQUEST);
            long sentBefore = remote.client().sent();

            assertThatThrownBy(() -> remote.scoreOptions(List.of(new PromptWithOptions("A bad one:", List.of(" yes")))))
                    .isInstanceOf(OpenAiException.class).hasMessageContaining("HTTP 400");
            assertThat(remote.client().sent() - sentBefore).isEqualTo(1);
        }
    }

    @Test
    void givenAnswersCachedBeforeARestart_whenTheSameBatchIsScoredAgain_thenTheServerIsNotAskedTwice(@TempDir Path cache) {
        List<OptionScores> first;
        try (OpenAiCompletionsModel before = model(cache, 0)) {
            first = before.scoreOptions(BATCH);
        }
        int receivedAfterFirst = server.received();

        try (OpenAiCompletionsModel restarted = model(cache, 0)) {
            List<OptionScores> again = restarted.scoreOptions(BATCH);

            assertThat(server.received()).isEqualTo(receivedAfterFirst);
            assertThat(restarted.client().cacheHits()).isEqualTo(8);
            assertThat(again).isEqualTo(first);
        }
    }

    @Test
    void givenACorruptCacheEntry_whenTheSameOptionIsScored_thenTheServerIsAskedAgainAndTheEntryMended(@TempDir Path cache) {
        List<PromptWithOptions> one = List.of(new PromptWithOptions(BATCH.get(0).prompt(), List.of(" maybe")));
        String key = CompletionCache.key(MODEL, BATCH.get(0).prompt() + " maybe",
                CompletionJson.parameters(CompletionJson.scoring(MODEL, BATCH.get(0).prompt() + " maybe")));
        new CompletionCache(cache).put(key, "{\"choices\": [ truncated");
        int receivedBefore = server.received();

        try (OpenAiCompletionsModel remote = model(cache, 0)) {
            double score = remote.scoreOptions(one).get(0).total(0);

            assertThat(server.received() - receivedBefore).isEqualTo(1);
            assertThat(score).isCloseTo(local.scoreOptions(one).get(0).total(0), within(1e-5));
            assertThat(new CompletionCache(cache).get(key)).hasValueSatisfying(body -> assertThat(body).contains("token_logprobs"));
        }
    }

    @Test
    void givenOneRequestTheServerCannotAnswer_whenABatchIsLabeled_thenThatOneIsDeadLetteredWithTheReasonAndTheOthersLabeled(
            @TempDir Path cache) {
        server.failWhenPromptContains("POISON-PILL", Fault.SERVER_ERROR);
        LabelRequest poisoned = Requests.request("bad", "Does POISON-PILL improve survival?", "Treatment improved survival.");
        List<LabelRequest> batch = List.of(Requests.withCue("a", "yes"), poisoned, Requests.withCue("c", "no"));
        LabelingPipeline pipeline = new LabelingPipeline(LabelerConfig.of(Map.of("medstream.labeler.strategy", "ppl")));
        try (OpenAiCompletionsModel remote = model(cache, 1)) {
            List<LabelingOutcome> outcomes = pipeline.label(batch, remote);

            assertThat(outcomes.get(0)).isInstanceOf(LabelingOutcome.Labeled.class);
            assertThat(outcomes.get(2)).isInstanceOf(LabelingOutcome.Labeled.class);
            LabelingOutcome.Rejected rejected = (LabelingOutcome.Rejected) outcomes.get(1);
            assertThat(rejected.code()).isEqualTo(ReasonCodes.BACKEND_ERROR);
            assertThat(rejected.description()).contains("bad").contains("HTTP 500").contains("2 attempt(s)");
        }
    }
}
