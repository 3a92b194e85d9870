package medstream.labeler.model;

import static medstream.labeler.testing.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import medstream.contracts.LabelResult;
import medstream.labeler.LabelerConfig;
import medstream.labeler.core.LabelingOutcome;
import medstream.labeler.core.LabelingPipeline;
import medstream.labeler.core.ReasonCodes;
import medstream.labeler.testing.Requests;
import medstream.labeler.testing.TinyCheckpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL adapter over an untrained lm {@code tiny} checkpoint: mechanics, not quality. */
class DjlLabelingModelTest {
    @TempDir
    static Path root;
    static Path checkpoint;
    static DjlLabelingModel model;

    @BeforeAll
    static void load() throws IOException {
        checkpoint = TinyCheckpoints.write(root, "s3-tiny", 11);
        model = DjlLabelingModel.load(checkpoint, null, "cpu");
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    @Test
    void givenACheckpoint_whenLoaded_thenVersionDeviceAndWindowComeFromIt() {
        assertThat(model.version()).isNotBlank();
        assertThat(model.device()).isEqualTo("cpu");
        assertThat(model.contextWindow()).isEqualTo(256);
        assertThat(model.countTokens("survival")).isBetween(2, 9);
    }

    @Test
    void givenPromptsWithOptions_whenScoredWithTheSharedPrefix_thenScoresEqualThePairwiseReference() {
        List<PromptWithOptions> batch = List.of(
                new PromptWithOptions("Context: Treatment improved survival.\nAnswer:", List.of(" yes", " no", " maybe")),
                new PromptWithOptions("Question: Is it unclear?", List.of(" yes", " no")));

        List<OptionScores> shared = model.scoreOptions(batch, ScoringMode.SHARED_PREFIX);
        List<OptionScores> reference = model.scoreOptions(batch, ScoringMode.INDEPENDENT);

        for (int i = 0; i < batch.size(); i++) {
            assertThat(shared.get(i).tokenCount()).containsExactly(reference.get(i).tokenCount());
            assertThat(shared.get(i).sumLogProb()).containsExactly(reference.get(i).sumLogProb(), within(1e-3));
            for (double s : shared.get(i).sumLogProb()) assertThat(s).isNegative();
        }
    }

    @Test
    void givenSingleTokenOptionsOfPromptsOfDifferentLengths_whenScoredInOneBatch_thenPaddingChangesNoScore() {
        // Single characters are single byte-level tokens, so all three prompts take the batched next-token path.
        List<PromptWithOptions> batch = List.of(
                new PromptWithOptions("Context: Treatment improved survival in all patients studied.\nAnswer:", List.of("a", "b", "c")),
                new PromptWithOptions("Q", List.of("a", "b")),
                new PromptWithOptions("Whether treatment changes survival remains unclear.", List.of("c", "a", "b")));

        List<OptionScores> shared = model.scoreOptions(batch, ScoringMode.SHARED_PREFIX);
        List<OptionScores> reference = model.scoreOptions(batch, ScoringMode.INDEPENDENT);

        for (int i = 0; i < batch.size(); i++) {
            assertThat(shared.get(i).tokenCount()).containsOnly(1);
            assertThat(shared.get(i).sumLogProb()).containsExactly(reference.get(i).sumLogProb(), within(1e-3));
        }
    }

    @Test
    void givenABatchOfSingleAndMultiTokenOptions_whenScoredWithTheSharedPrefix_thenItIsOneLmCallWithTheReferenceScores() {
        // " zqxv" appears nowhere in the tiny tokenizer's text, so it stays several byte-level tokens: both kinds mix.
        List<PromptWithOptions> batch = List.of(
                new PromptWithOptions("Context: Treatment improved survival.\nAnswer:", List.of(" yes", " no", " zqxv")),
                new PromptWithOptions("Q", List.of("a", "b")),
                new PromptWithOptions("Whether treatment changes survival remains unclear.", List.of(" maybe", "c")));
        int[] calls = new int[2]; // [one-prompt scoreOptions, multi-prompt scoreOptions]
        medstream.lm.model.CausalLm lm = medstream.lm.checkpoint.Checkpoint.open(checkpoint).loadModel(ai.djl.Device.cpu());
        medstream.lm.LanguageModel counted = new medstream.lm.LanguageModel() {
            @Override public int vocabSize() { return lm.vocabSize(); }
            @Override public int contextLength() { return lm.contextLength(); }
            @Override public medstream.lm.Generator generator() { return lm.generator(); }
            @Override public void close() { lm.close(); }
            @Override
            public medstream.lm.Scorer scorer() {
                medstream.lm.Scorer inner = lm.scorer();
                return new medstream.lm.Scorer() {
                    @Override
                    public List<medstream.lm.Score> score(List<int[]> p, List<int[]> c) {
                        return inner.score(p, c);
                    }

                    @Override
                    public List<medstream.lm.Score> scoreOptions(int[] prompt, List<int[]> options) {
                        calls[0]++;
                        return inner.scoreOptions(prompt, options);
                    }

                    @Override
                    public List<List<medstream.lm.Score>> scoreOptions(List<int[]> prompts, List<List<int[]>> options) {
                        calls[1]++;
                        return inner.scoreOptions(prompts, options);
                    }
                };
            }
        };

        try (DjlLabelingModel wrapped = new DjlLabelingModel(counted, TinyCheckpoints.tokenizer(), "v", "cpu")) {
            List<OptionScores> shared = wrapped.scoreOptions(batch, ScoringMode.SHARED_PREFIX);
            List<OptionScores> reference = wrapped.scoreOptions(batch, ScoringMode.INDEPENDENT);

            assertThat(calls).containsExactly(0, 1);
            for (int i = 0; i < batch.size(); i++) {
                assertThat(shared.get(i).tokenCount()).containsExactly(reference.get(i).tokenCount());
                assertThat(shared.get(i).sumLogProb()).containsExactly(reference.get(i).sumLogProb(), within(1e-4));
            }
            assertThat(java.util.Arrays.stream(shared.get(0).tokenCount()).max().orElseThrow()).isGreaterThan(1);
        }
    }

    @Test
    void givenGreedyGeneration_whenRunWithAndWithoutTheCache_thenTheTextsAreEqual() {
        List<String> prompts = List.of("Context: Treatment improved survival.", "Explanation:");
        GenerationParams greedy = new GenerationParams(12, 0.0, 0, 0, "", true);

        List<String> cached = model.generate(prompts, greedy);
        List<String> uncached = model.generate(prompts, greedy.withCache(false));

        assertThat(cached).isEqualTo(uncached).hasSize(2);
        assertThat(cached.get(0)).isNotEmpty();
    }

    @Test
    void givenTheVocStrategy_whenTheTinyModelLabelsABatch_thenEveryResultIsWellFormed() {
        LabelerConfig cfg = LabelerConfig.of(Map.of("medstream.labeler.voc.explanation-tokens", "8", "medstream.labeler.batch-size", "2"));
        List<LabelingOutcome> out = new LabelingPipeline(cfg).label(List.of(Requests.withCue("1", "yes"), Requests.withCue("2", "no")), model);

        for (LabelingOutcome o : out) {
            assertThat(o).as(o.toString()).isInstanceOf(LabelingOutcome.Labeled.class);
            LabelResult r = ((LabelingOutcome.Labeled) o).result();
            assertThat(r.getOptionScores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
            assertThat(r.getLabel()).isIn("yes", "no", "maybe");
            assertThat(r.getModelVersion()).isEqualTo(model.version());
            assertThat(r.getExplanations()).hasSize(3);
        }
    }

    @Test
    void givenAContextFarOverTheTinyWindow_whenLabeled_thenItIsTruncatedAndFlagged() {
        String longContext = "The cohort was followed for ten years with repeated measurements. ".repeat(80);
        LabelResult r = ((LabelingOutcome.Labeled) new LabelingPipeline(LabelerConfig.of(Map.of("medstream.labeler.strategy", "ppl")))
                .label(List.of(request("long", "Does it help?", List.of(longContext), null, List.of("yes", "no", "maybe"))), model)
                .get(0)).result();

        assertThat(r.getReason()).contains(ReasonCodes.CONTEXT_TRUNCATED);
    }

    @Test
    void givenAnUnknownDevice_whenLoaded_thenTheErrorNamesTheChoices() {
        assertThatThrownBy(() -> DjlLabelingModel.load(checkpoint, "v", "tpu0")).hasMessageContaining("use cpu or gpuN");
    }
}
