package medstream.lm.model;

import static medstream.lm.model.HfCausalLmTest.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import medstream.lm.Generator;
import medstream.lm.LanguageModel;
import medstream.lm.Scorer;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.HfReference;
import medstream.lm.hf.TinyHfCheckpoints;
import org.junit.jupiter.api.Test;

/** Per-token log-probabilities: one forward pass for our decoders, the scorer for any other model. */
class TokenLogProbsTest {

    @Test
    void givenATinyQwen_whenScoringText_thenEachTokenMatchesTheReferenceAndTheScorerPathAgrees() {
        HfConfig config = TinyHfCheckpoints.qwen2(true);
        var weights = TinyHfCheckpoints.randomTensors(config, 21);
        int[] ids = tokens(22, 10);
        try (HfCausalLm lm = HfCausalLm.fromTensors(config, weights, Device.cpu())) {
            TokenLogProbs direct = TokenLogProbs.of(lm, ids);
            TokenLogProbs viaScorer = TokenLogProbs.of(scorerOnly(lm), ids);
            double[][] logits = new HfReference(config, weights).logits(ids);
            assertThat(direct.logProbs()[0]).isNaN();
            for (int i = 1; i < ids.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : logits[i - 1]) {
                    max = Math.max(max, v);
                }
                double z = 0;
                for (double v : logits[i - 1]) {
                    z += Math.exp(v - max);
                }
                double expected = logits[i - 1][ids[i]] - max - Math.log(z);
                assertThat(direct.logProbs()[i]).isCloseTo(expected, within(1e-4));
                assertThat(viaScorer.logProbs()[i]).isCloseTo(expected, within(1e-4));
            }
            assertThat(direct.perplexity()).isCloseTo(Math.exp(-direct.sum() / 9), within(1e-9)).isGreaterThan(1);
        }
    }

    /** The model seen only through the LanguageModel interface, as a TorchScript model would be. */
    private static LanguageModel scorerOnly(LanguageModel lm) {
        return new LanguageModel() {
            @Override
            public int vocabSize() {
                return lm.vocabSize();
            }

            @Override
            public int contextLength() {
                return lm.contextLength();
            }

            @Override
            public Scorer scorer() {
                return lm.scorer();
            }

            @Override
            public Generator generator() {
                return lm.generator();
            }

            @Override
            public void close() {
                // the wrapped model is closed by the test
            }
        };
    }
}
