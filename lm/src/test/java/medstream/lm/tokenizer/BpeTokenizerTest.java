package medstream.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BpeTokenizerTest {

    private static final String MIXED = "The patient's BP was 145/92 mmHg on 2024-03-07.\n\n"
            + "患者因胸痛入院，医生建议尽快进行手术治疗。  Dose: 12345.678 mg\t(q.d.)\r\n"
            + "  indented   spaces\u00A0and\u3000全角空格 😷🩺 naïve café ①② ＡＢＣ１２３ <|eos|> end";

    private static BpeTokenizer tokenizer;
    private static ExecutorService pool;

    @BeforeAll
    static void train() {
        tokenizer = new BpeTrainer(600).train(HandWrittenCorpus.repeated(3));
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void givenMixedEnglishChineseEmojiNumbersAndWhitespace_whenEncodedAndDecoded_thenExactlyTheSameString() {
        int[] ids = tokenizer.encode(MIXED);

        assertThat(tokenizer.decode(ids)).isEqualTo(MIXED);
        assertThat(ids.length).isLessThan(MIXED.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void givenRandomUnicodeText_whenEncodedAndDecoded_thenRoundTripIsExact() {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                int codePoint;
                do {
                    codePoint = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x3000);
                } while (Character.getType(codePoint) == Character.SURROGATE);
                text.appendCodePoint(codePoint);
            }

            assertThat(tokenizer.decode(tokenizer.encode(text.toString()))).isEqualTo(text.toString());
        }
    }

    @Test
    void givenEveryByteValue_whenLookedUp_thenEachIsItsOwnBaseTokenAndNothingIsUnknown() {
        for (int b = 0; b < 256; b++) {
            assertThat(tokenizer.tokenBytes(b)).containsExactly((byte) b);
        }
        // One code point per possible UTF-8 lead byte (0x00-0x7F, 0xC2-0xF4) and every continuation byte.
        StringBuilder text = new StringBuilder();
        for (int codePoint = 0; codePoint < 0x800; codePoint++) {
            text.appendCodePoint(codePoint);
        }
        for (int lead = 0xE0; lead <= 0xEF; lead++) {
            text.appendCodePoint(lead == 0xE0 ? 0x800 : (lead - 0xE0) << 12);
        }
        for (int lead = 0xF0; lead <= 0xF4; lead++) {
            text.appendCodePoint(lead == 0xF0 ? 0x10000 : (lead - 0xF0) << 18);
        }

        int[] ids = tokenizer.encode(text.toString());

        assertThat(Arrays.stream(ids).boxed().toList()).allMatch(id -> id >= 0 && id < tokenizer.vocabSize() && !tokenizer.isSpecial(id));
        assertThat(tokenizer.decode(ids)).isEqualTo(text.toString());
        // Bytes that never occur in UTF-8 still decode, as replacement characters.
        assertThat(tokenizer.decode(new int[] {0xC0, 0xF5, 0xFF})).isEqualTo("\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void givenTokenizerWithoutMerges_whenEncoded_thenIdsAreTheUtf8Bytes() {
        BpeTokenizer bytesOnly = new BpeTrainer(260).train(HandWrittenCorpus.repeated(1));
        String text = "治疗 ok";

        int[] ids = bytesOnly.encode(text);

        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(ids).hasSize(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            assertThat(ids[i]).isEqualTo(utf8[i] & 0xFF);
        }
    }

    @Test
    void givenSequenceCutInsideACharacter_whenDecoded_thenReplacementCharacterInsteadOfAnError() {
        int[] full = tokenizer.encode("ok 😷");
        byte[] utf8 = "ok 😷".getBytes(StandardCharsets.UTF_8);
        // Rebuild the sequence from byte tokens and drop the emoji's last byte.
        int[] cut = new int[utf8.length - 1];
        for (int i = 0; i < cut.length; i++) {
            cut[i] = utf8[i] & 0xFF;
        }

        String decoded = tokenizer.decode(cut);

        assertThat(decoded).startsWith("ok ").endsWith("\uFFFD").doesNotContain("😷");
        assertThat(tokenizer.decode(full)).isEqualTo("ok 😷");
    }

    @Test
    void givenIdOutsideTheVocabulary_whenDecoded_thenErrorNamesTheId() {
        assertThatThrownBy(() -> tokenizer.decode(new int[] {tokenizer.vocabSize()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Integer.toString(tokenizer.vocabSize()));
    }

    @Test
    void givenSpecialTokenTextAndAllowSpecial_whenEncoded_thenItIsOneAtomicId() {
        String text = "问题<|sep|>回答<|eos|>";

        int[] ids = tokenizer.encode(text, true);

        assertThat(ids).contains(tokenizer.sepId()).endsWith(tokenizer.eosId());
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
        assertThat(tokenizer.decode(ids, true)).isEqualTo("问题回答");
    }

    @Test
    void givenSpecialTokenTextWithoutAllowSpecial_whenEncoded_thenItIsOrdinaryText() {
        String text = "ignore this <|eos|> marker";

        int[] ids = tokenizer.encode(text);

        assertThat(Arrays.stream(ids).boxed().toList()).noneMatch(tokenizer::isSpecial);
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
    }

    @Test
    void givenRegisteredChatTokens_whenEncoded_thenTheyGetNewIdsAndOldIdsDoNotMove() {
        BpeTokenizer chat = tokenizer.withSpecialTokens(SpecialTokens.USER, SpecialTokens.ASSISTANT);

        int[] ids = chat.encode("<|user|>头痛怎么办？<|assistant|>多休息。", true);

        assertThat(chat.vocabSize()).isEqualTo(tokenizer.vocabSize() + 2);
        assertThat(chat.id(SpecialTokens.USER)).isEqualTo(tokenizer.vocabSize());
        assertThat(chat.eosId()).isEqualTo(tokenizer.eosId());
        assertThat(ids[0]).isEqualTo(chat.id(SpecialTokens.USER));
        assertThat(ids).contains(chat.id(SpecialTokens.ASSISTANT));
        assertThat(chat.encode("头痛怎么办？")).containsExactly(tokenizer.encode("头痛怎么办？"));
    }

    @Test
    void givenUnknownSpecialToken_whenIdAsked_thenErrorListsTheKnownOnes() {
        assertThatThrownBy(() -> tokenizer.id("<|system|>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<|system|>")
                .hasMessageContaining(SpecialTokens.EOS);
    }

    @Test
    void givenText_whenTokensCounted_thenCountEqualsEncodedLength() {
        assertThat(tokenizer.tokenCount(MIXED)).isEqualTo(tokenizer.encode(MIXED).length);
        assertThat(tokenizer.tokenCount("")).isZero();
    }

    @Test
    void givenLongPreTokens_whenMergedByHeap_thenSameIdsAsByRepeatedScans() {
        Random random = new Random(5);
        MergeTable merges = tokenizer.merges();
        String[] pieces = {"the", " ", "a", "治疗", "e", "th", "-", "="};
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            int[] bytes = new int[utf8.length];
            for (int i = 0; i < utf8.length; i++) {
                bytes[i] = utf8[i] & 0xFF;
            }

            int[] byScan = merges.mergeByScan(bytes.clone());
            int[] byHeap = merges.mergeByHeap(bytes.clone());

            assertThat(byHeap).as("text %s", text).containsExactly(byScan);
        }
    }

    @Test
    void givenVeryLongRunOfSpaces_whenEncoded_thenFastAndExact() {
        String text = "a" + " ".repeat(200_000) + "b";

        int[] ids = tokenizer.encode(text);

        assertThat(tokenizer.decode(ids)).isEqualTo(text);
    }

    @Test
    void givenSeveralThreads_whenEncodingTheSameTextsConcurrently_thenResultsAreIdenticalToSingleThreaded() throws Exception {
        List<String> texts = new ArrayList<>(HandWrittenCorpus.repeated(1));
        texts.add(MIXED);
        for (int i = 0; i < 200; i++) {
            texts.add("word" + i + " 治疗" + (i % 7) + " " + "x".repeat(i % 60));
        }
        BpeTokenizer shared = tokenizer.withSpecialTokens(); // fresh, empty cache
        List<int[]> expected = new ArrayList<>();
        for (String text : texts) {
            expected.add(tokenizer.encode(text));
        }

        List<Callable<List<int[]>>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int shift = t;
            jobs.add(() -> {
                List<int[]> results = new ArrayList<>(Collections.nCopies(texts.size(), (int[]) null));
                for (int r = 0; r < 20; r++) {
                    for (int i = 0; i < texts.size(); i++) {
                        int index = (i + shift * 17) % texts.size(); // threads start at different texts
                        results.set(index, shared.encode(texts.get(index)));
                    }
                }
                return results;
            });
        }
        List<Future<List<int[]>>> futures = pool.invokeAll(jobs);

        for (Future<List<int[]>> future : futures) {
            List<int[]> results = future.get(60, TimeUnit.SECONDS);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(results.get(i)).as("text %d", i).containsExactly(expected.get(i));
            }
        }
    }

    @Test
    void givenEncodedText_whenCallerModifiesTheResult_thenLaterEncodingsAreUnaffected() {
        int[] first = tokenizer.encode("治疗 the");
        int[] copy = Arrays.copyOf(first, first.length);
        Arrays.fill(first, 0);

        assertThat(tokenizer.encode("治疗 the")).containsExactly(copy);
    }
}
