package medstream.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

    @Test
    void givenHandWrittenCorpus_whenTrained_thenFrequentEnglishAndChineseTermsAreSingleTokens() {
        BpeTokenizer tokenizer = new BpeTrainer(400).train(HandWrittenCorpus.repeated(3));

        assertThat(singleToken(tokenizer, " the")).isTrue();
        assertThat(singleToken(tokenizer, "The")).isTrue();
        assertThat(singleToken(tokenizer, "治疗")).isTrue();
        assertThat(singleToken(tokenizer, "患者")).isTrue();
        // A word absent from the corpus stays in pieces: the test above is not true for anything.
        assertThat(singleToken(tokenizer, " xylophone")).isFalse();
    }

    @Test
    void givenSameTextsInAnotherOrder_whenTrained_thenMergesAreIdentical() {
        List<String> texts = HandWrittenCorpus.repeated(2);
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(7));

        BpeTokenizer first = new BpeTrainer(500).train(texts);
        BpeTokenizer second = new BpeTrainer(500).train(shuffled.stream());

        assertThat(merges(second)).isEqualTo(merges(first));
    }

    @Test
    void givenEqualPairCounts_whenTrained_thenThePairWithLowerBytesIsMergedFirst() {
        BpeTokenizer zFirst = new BpeTrainer(MergeTable.BYTE_TOKENS + 4 + 1).withMinPairFrequency(1).train(List.of("yz", "ab"));
        BpeTokenizer aFirst = new BpeTrainer(MergeTable.BYTE_TOKENS + 4 + 1).withMinPairFrequency(1).train(List.of("ab", "yz"));

        assertThat(text(zFirst, MergeTable.BYTE_TOKENS)).isEqualTo("ab");
        assertThat(text(aFirst, MergeTable.BYTE_TOKENS)).isEqualTo("ab");
    }

    @Test
    void givenRandomCorpus_whenTrained_thenMergesEqualTextbookBpeThatRecountsEveryStep() {
        Random random = new Random(11);
        String[] alphabet = {"a", "b", "c", "aa", " ", "  ", "治", "疗", "患", "者", "1", ".", "\n", "é"};
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            texts.add(text.toString());
        }
        int maxMerges = 1_000; // more than the corpus supports: both must also stop at the same point

        BpeTokenizer tokenizer = new BpeTrainer(MergeTable.BYTE_TOKENS + SpecialTokens.DEFAULTS.size() + maxMerges).train(texts);
        List<List<Integer>> expected = ReferenceBpe.train(texts, CjkPreTokenizer.standard(), maxMerges,
                BpeTrainer.DEFAULT_MIN_PAIR_FREQUENCY);

        assertThat(expected).hasSizeGreaterThan(100).hasSizeLessThan(maxMerges);
        assertThat(merges(tokenizer)).containsExactlyElementsOf(expected);
    }

    @Test
    void givenTinyCorpus_whenPairsRunOutBeforeTheTargetSize_thenTrainingStopsAtTheMinimumFrequency() {
        BpeTokenizer tokenizer = new BpeTrainer(8192).train(Stream.of("abc abc", "xyz"));

        // Pairs seen twice: "ab", "bc" (both words), " a" once only -> exactly 2 merges ("ab", then "abc").
        assertThat(tokenizer.mergeCount()).isEqualTo(2);
        assertThat(tokenizer.vocabSize()).isEqualTo(MergeTable.BYTE_TOKENS + 2 + SpecialTokens.DEFAULTS.size());
    }

    @Test
    void givenExtraSpecialTokens_whenTrained_thenTheyFollowTheDefaultsAndCountTowardTheVocabulary() {
        BpeTokenizer tokenizer = new BpeTrainer(300)
                .withSpecialTokens(SpecialTokens.USER, SpecialTokens.ASSISTANT)
                .train(HandWrittenCorpus.repeated(2));

        assertThat(tokenizer.vocabSize()).isEqualTo(300);
        assertThat(tokenizer.specialTokens()).containsExactly(SpecialTokens.PAD, SpecialTokens.BOS, SpecialTokens.EOS,
                SpecialTokens.SEP, SpecialTokens.USER, SpecialTokens.ASSISTANT);
        assertThat(tokenizer.id(SpecialTokens.ASSISTANT)).isEqualTo(299);
        assertThat(tokenizer.padId()).isEqualTo(294);
    }

    @Test
    void givenVocabularyWithoutRoomForBytesAndSpecials_whenTrainerCreated_thenRejectedWithTheMinimum() {
        assertThatThrownBy(() -> new BpeTrainer(200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("260");
    }

    @Test
    void givenDuplicateSpecialToken_whenAdded_thenRejected() {
        assertThatThrownBy(() -> new BpeTrainer(1000).withSpecialTokens(SpecialTokens.EOS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void givenTrainedTokenizer_whenMetadataRead_thenItRecordsWhatProducedIt() {
        List<String> texts = HandWrittenCorpus.repeated(1);

        BpeTokenizer tokenizer = new BpeTrainer(400).train(texts);

        assertThat(tokenizer.metadata())
                .containsEntry("trainer.vocab_size", "400")
                .containsEntry("corpus.documents", Integer.toString(texts.size()))
                .containsEntry("corpus.bytes", Long.toString(SharedMedicalText.utf8Bytes(texts)));
    }

    static boolean singleToken(BpeTokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text);
        return ids.length == 1 && new String(tokenizer.tokenBytes(ids[0]), StandardCharsets.UTF_8).equals(text);
    }

    static String text(BpeTokenizer tokenizer, int id) {
        return new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8);
    }

    static List<List<Integer>> merges(BpeTokenizer tokenizer) {
        List<List<Integer>> merges = new ArrayList<>();
        for (int rank = 0; rank < tokenizer.mergeCount(); rank++) {
            merges.add(List.of(tokenizer.merges().left(rank), tokenizer.merges().right(rank)));
        }
        return merges;
    }
}
