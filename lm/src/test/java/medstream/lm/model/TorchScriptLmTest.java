package medstream.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import medstream.lm.GenerationConfig;
import medstream.lm.Score;
import medstream.lm.testing.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks our transformer against an independent PyTorch implementation (src/test/python/
 * make_torchscript_fixture.py) exported to TorchScript, with the same random weights.
 */
class TorchScriptLmTest {

    private static ModelConfig config;
    private static CausalLm ours;
    private static TorchScriptLm reference;

    @BeforeAll
    static void load() throws Exception {
        Path dir = fixture();
        config = new ObjectMapper().readValue(dir.resolve("tiny_gpt.json").toFile(), ModelConfig.class);
        ours = CausalLm.loadParameters(config, null, dir.resolve("tiny_gpt.safetensors"), Device.cpu());
        reference = TorchScriptLm.load(dir.resolve("tiny_gpt.pt"), config.vocabSize(), config.context(), Device.cpu());
    }

    @AfterAll
    static void close() {
        ours.close();
        reference.close();
    }

    @Test
    void givenTheSameWeights_whenOurModelAndThePyTorchReferenceRun_thenTheLogitsAgree() {
        int[] tokens = randomTokens(new Random(1), config.context());
        float[][] expected = reference.logits(tokens);
        float[][] actual = ours.logits(tokens);
        for (int t = 0; t < tokens.length; t++) {
            for (int v = 0; v < config.vocabSize(); v++) {
                assertThat(actual[t][v]).as("position %d token %d", t, v).isCloseTo(expected[t][v], within(1e-4f));
            }
        }
    }

    @Test
    void givenTheTorchScriptModel_whenScoringAndDecoding_thenItAgreesWithTheReferenceAndOurModel() {
        Random random = new Random(2);
        List<int[]> prompts = List.of(randomTokens(random, 9), randomTokens(random, 3), randomTokens(random, 20));
        List<int[]> continuations = List.of(randomTokens(random, 4), randomTokens(random, 1), randomTokens(random, 6));

        List<Score> scores = reference.scorer().score(prompts, continuations);
        List<Score> oursScores = ours.scorer().score(prompts, continuations);
        List<Score> options = reference.scorer().scoreOptions(prompts.get(0), continuations);
        for (int i = 0; i < prompts.size(); i++) {
            double naive = naiveLogLikelihood(prompts.get(i), continuations.get(i));
            assertThat(scores.get(i).sumLogProb()).isCloseTo(naive, within(1e-4));
            assertThat(oursScores.get(i).sumLogProb()).isCloseTo(naive, within(1e-3));
            assertThat(options.get(i).sumLogProb())
                    .isCloseTo(naiveLogLikelihood(prompts.get(0), continuations.get(i)), within(1e-4));
        }

        List<int[]> theirs = reference.generator().generate(prompts, GenerationConfig.greedy(6, -1));
        List<int[]> mine = ours.generator().generate(prompts, GenerationConfig.greedy(6, -1));
        for (int r = 0; r < prompts.size(); r++) {
            assertThat(mine.get(r)).containsExactly(theirs.get(r));
        }
    }

    @Test
    void givenTheSameSeed_whenSamplingFromBothModelsInOneBatch_thenTheyDrawTheSameTokens() {
        Random random = new Random(3);
        // Different prompt lengths: the TorchScript path right-pads and reads each row at its own last token.
        List<int[]> prompts = List.of(randomTokens(random, 5), randomTokens(random, 17), randomTokens(random, 1),
                randomTokens(random, 11));
        for (GenerationConfig sampling : List.of(GenerationConfig.sampling(12, 0.9, 0, 42, -1),
                GenerationConfig.sampling(12, 1.3, 5, 7, 3))) {
            List<int[]> theirs = reference.generator().generate(prompts, sampling);
            List<int[]> mine = ours.generator().generate(prompts, sampling);
            for (int r = 0; r < prompts.size(); r++) {
                assertThat(theirs.get(r)).as("row %d", r).containsExactly(mine.get(r));
            }
        }
    }

    private static double naiveLogLikelihood(int[] prompt, int[] continuation) {
        int[] seq = new int[prompt.length + continuation.length];
        System.arraycopy(prompt, 0, seq, 0, prompt.length);
        System.arraycopy(continuation, 0, seq, prompt.length, continuation.length);
        float[][] logits = reference.logits(java.util.Arrays.copyOf(seq, seq.length - 1));
        double sum = 0;
        for (int i = prompt.length - 1; i < seq.length - 1; i++) {
            sum += Reference.logSoftmax(logits[i])[seq[i + 1]];
        }
        return sum;
    }

    private static int[] randomTokens(Random random, int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(config.vocabSize());
        }
        return ids;
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(TorchScriptLmTest.class.getResource("/torchscript/tiny_gpt.json").toURI()).getParent();
    }
}
