package medstream.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compression on real shared data, measured on held-out text: trained on the first 2,000 HuaTuo QA
 * lines and the PubMedQA trainval abstracts (1.4 MB), evaluated on the next 1,000 HuaTuo lines and
 * 200 PubMedQA test abstracts. Measured at vocabulary 4096: English 3.40 and Chinese 3.54 bytes per
 * token, Chinese 1.21 characters per token; with single-character Han runs Chinese drops to 2.87
 * (ratio 1.23). The bounds leave about 10% margin.
 */
class CompressionTest {

    private static List<String> training;
    private static List<String> englishHeldOut;
    private static List<String> chineseHeldOut;
    private static BpeTokenizer tokenizer;

    @BeforeAll
    static void train() {
        List<String> huatuo = SharedMedicalText.huatuoQa(3_000);
        training = new ArrayList<>(huatuo.subList(0, 2_000));
        training.addAll(SharedMedicalText.pubmedQaContexts("pqal_trainval.json"));
        chineseHeldOut = huatuo.subList(2_000, 3_000);
        englishHeldOut = SharedMedicalText.pubmedQaContexts("pqal_test_unlabeled.json").subList(0, 200);
        tokenizer = new BpeTrainer(4096).train(training);
    }

    @Test
    void givenVocabulary4096_whenEncodingHeldOutPubMedAbstracts_thenOverThreeBytesPerToken() {
        double bytesPerToken = TokenizerBench.bytesPerToken(tokenizer, englishHeldOut);

        assertThat(bytesPerToken).isGreaterThan(3.1);
    }

    @Test
    void givenVocabulary4096_whenEncodingHeldOutChineseQa_thenBetterThanOneTokenPerCharacter() {
        double bytesPerToken = TokenizerBench.bytesPerToken(tokenizer, chineseHeldOut);
        double charsPerToken = TokenizerBench.charsPerToken(tokenizer, chineseHeldOut);

        // A Han character is 3 UTF-8 bytes, so a character-level vocabulary tops out near 3.0.
        assertThat(bytesPerToken).isGreaterThan(3.2);
        assertThat(charsPerToken).isGreaterThan(1.1);
    }

    @Test
    void givenSameCorpus_whenHanRunsAreSingleCharacters_thenChineseCompressesWorseThanWithTwoCharacterRuns() {
        BpeTokenizer characterLevel = new BpeTrainer(4096)
                .withPreTokenizer(CjkPreTokenizer.withMaxHanRun(1))
                .train(training);

        double standard = TokenizerBench.bytesPerToken(tokenizer, chineseHeldOut);
        double single = TokenizerBench.bytesPerToken(characterLevel, chineseHeldOut);

        assertThat(single).isLessThanOrEqualTo(3.0);
        assertThat(standard / single).isGreaterThan(1.1);
    }

    @Test
    void givenRealText_whenEncodedAndDecoded_thenEveryDocumentRoundTrips() {
        for (String text : englishHeldOut) {
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
        for (String text : chineseHeldOut) {
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
    }
}
