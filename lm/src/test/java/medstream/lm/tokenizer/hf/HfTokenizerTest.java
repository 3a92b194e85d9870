package medstream.lm.tokenizer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.lm.tokenizer.TextTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HfTokenizer} on two small Hugging Face {@code tokenizer.json} fixtures (src/test/resources/hf-tokenizer/,
 * written by src/test/python/make_hf_tokenizer_fixtures.py): a GPT-2 style file (ByteLevel regex pre-tokenizer,
 * merges as "a b" strings, GPT-2's first 23 merges) and a Llama-3 style one (NFC, Split regex + ByteLevel, merges
 * as arrays, ignore_merges, added tokens). Byte ids follow GPT-2's table: {@code !}=0 .. {@code ~}=93, {@code ¡..¬}
 * =94..105, {@code ®..ÿ}=106..187, then the other bytes in order from 188 (space = Ġ = 220). Expected ids below are
 * worked out by hand from the merges (comments show the steps).
 */
class HfTokenizerTest {

    private static HfTokenizer gpt2;
    private static HfTokenizer llama;

    @BeforeAll
    static void load() throws Exception {
        gpt2 = HfTokenizer.load(fixture("gpt2-style"));
        llama = HfTokenizer.load(fixture("llama3-style"));
    }

    @Test
    void givenGpt2StyleMerges_whenEncodingEnglish_thenTheIdsFollowTheMergeRanks() {
        // "the": t=83 h=71 e=68; only (h,e) has a merge (rank 2 -> "he" 258)
        assertThat(gpt2.encode("the")).containsExactly(83, 258);
        // " the": Ġt (rank 0, 256), then he (rank 2, 258), then Ġt+he (rank 6, "Ġthe" 262), GPT-2's own id
        assertThat(gpt2.encode(" the")).containsExactly(262);
        // " testing": Ġt (0) -> in (3) -> es (18, 274) -> in+g (22, "ing" 278); t stays 83
        assertThat(gpt2.encode(" testing")).containsExactly(256, 274, 83, 278);
        // GPT-2 regex cuts "Hello| world| 123" (digits apart from letters); H=39 e=68 l=75 o=78; Ġw (10, 266), or (17, 273)
        assertThat(gpt2.encode("Hello world 123")).containsExactly(39, 68, 75, 75, 78, 266, 273, 75, 67, 220, 16, 17, 18);
    }

    @Test
    void givenChineseAndEmoji_whenEncodedWithoutMerges_thenEachUtf8ByteIsOneTokenAndDecodingRestoresTheText() {
        // 医 = E5 8C BB: E5 = å (106 + 0xE5 - 0xAE = 161), 8C is unprintable (221 + 0x8C - 0x7F = 234), BB = » (119)
        assertThat(gpt2.encode("医")).containsExactly(161, 234, 119);
        String mixed = "医学是 the 研究。 😀 Ärzte\tnaïve  \n\n  end ";
        int[] ids = gpt2.encode(mixed);
        assertThat(gpt2.decode(ids)).isEqualTo(mixed);
        assertThat(ids.length).isEqualTo(gpt2.tokenCount(mixed));
    }

    @Test
    void givenTheEndOfTextToken_whenSpecialTokensAreAllowedOrNot_thenItIsOneIdOrPlainBytes() {
        assertThat(gpt2.encode("a<|endoftext|>b", true)).containsExactly(64, 50256, 65);
        // As untrusted text: "<|" "endoftext" "|>" by the regex; e,n merge (rank 12, "en" 268); < 27, | 91, > 29
        int[] plain = gpt2.encode("a<|endoftext|>b");
        assertThat(plain).containsExactly(64, 27, 91, 268, 67, 78, 69, 83, 68, 87, 83, 91, 29, 65);
        assertThat(gpt2.decode(plain)).isEqualTo("a<|endoftext|>b");
        assertThat(gpt2.decode(new int[] {64, 50256, 65}, true)).isEqualTo("ab");
        assertThat(gpt2.isSpecial(50256)).isTrue();
        assertThat(gpt2.isSpecial(64)).isFalse();
    }

    @Test
    void givenGpt2WithoutTokenizerConfig_whenAskedForControlTokens_thenEndOfTextServesAsBosEosAndPad() {
        assertThat(gpt2.vocabSize()).isEqualTo(50257);
        assertThat(gpt2.eosId()).isEqualTo(50256);
        assertThat(gpt2.bosId()).isEqualTo(50256);
        assertThat(gpt2.padId()).isEqualTo(50256);
    }

    @Test
    void givenAnIdInTheVocabularyHole_whenDecoding_thenTheErrorNamesTheId() {
        assertThatThrownBy(() -> gpt2.decode(new int[] {300})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("300");
    }

    @Test
    void givenLlama3StyleArrayMerges_whenEncodingChinese_thenTheMergedCharactersAreSingleTokens() {
        // 学 = E5 AD A6 = å Ń ¦: (å,Ń) rank 2 -> 258, (åŃ,¦) rank 3 -> 259; 医: (å,Į) rank 0, (åĮ,») rank 1 -> 257.
        // "学医" is not in the vocab and there is no merge (学, 医), so two tokens.
        assertThat(llama.encode("学医")).containsExactly(259, 257);
        assertThat(llama.encode("医学")).containsExactly(260);
        assertThat(llama.decode(new int[] {259, 257, 260})).isEqualTo("学医医学");
    }

    @Test
    void givenALongChineseRunThatIsOnePiece_whenEncoded_thenTheHeapMergeGivesTheRankOrderResult() {
        // A Han run without spaces is one pre-token (3 bytes per character), far past the scan limit. Ranks 0-3 build
        // 医 (257) and 学 (259) first; rank 4 then pairs 医学 (260) from the left, never across an earlier pair.
        java.util.Random random = new java.util.Random(3);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            text.append(random.nextBoolean() ? '医' : '学');
        }
        java.util.List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '医' && i + 1 < text.length() && text.charAt(i + 1) == '学') {
                expected.add(260);
                i++;
            } else {
                expected.add(text.charAt(i) == '医' ? 257 : 259);
            }
        }
        assertThat(text.length() * 3).isGreaterThan(BpeModel.SCAN_LIMIT);
        assertThat(llama.encode(text.toString())).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        assertThat(llama.decode(llama.encode(text.toString()))).isEqualTo(text.toString());
        // 70 letters, one piece: no merge crosses "g|t", so it is "testing" ten times: t es t ing
        int[] once = {83, 274, 83, 278};
        int[] tenTimes = new int[40];
        for (int i = 0; i < 10; i++) {
            System.arraycopy(once, 0, tenTimes, 4 * i, 4);
        }
        assertThat(gpt2.encode("testing")).containsExactly(once);
        assertThat(gpt2.encode("testing".repeat(10))).containsExactly(tenTimes);
    }

    @Test
    void givenIgnoreMerges_whenAPieceIsInTheVocabulary_thenItIsTakenWholeEvenWithoutMerges() {
        // "Ġcat" (264) is in the vocab but no merge builds it; "cat" is not in the vocab: c a t.
        assertThat(llama.encode(" cat")).containsExactly(264);
        assertThat(llama.encode("cat")).containsExactly(66, 64, 83);
        assertThat(llama.encode(" the")).containsExactly(263);
        assertThat(llama.encode("the")).containsExactly(83, 262);
    }

    @Test
    void givenAddedTokens_whenEncoding_thenNonSpecialOnesAlwaysMatchAndSpecialOnesOnlyWhenAllowed() {
        String text = "<|begin_of_text|>5 mg/dL<|eot_id|>";
        assertThat(llama.encode(text, true)).containsExactly(265, 20, 220, 267, 268);
        int[] untrusted = llama.encode(text);
        assertThat(untrusted).contains(267).doesNotContain(265, 268);
        assertThat(llama.decode(untrusted)).isEqualTo(text);
        assertThat(llama.decode(new int[] {265, 20, 220, 267, 268}, true)).isEqualTo("5 mg/dL");
        assertThat(llama.bosId()).isEqualTo(265);
        assertThat(llama.eosId()).isEqualTo(266);
    }

    @Test
    void givenAnNfcNormalizer_whenTextHasACombiningAccent_thenItEncodesLikeThePrecomposedCharacter() {
        // e + U+0301 becomes é = C3 A9 = Ã (127) © (102)
        assertThat(llama.encode("e\u0301")).containsExactly(127, 102);
        assertThat(llama.encode("e\u0301 café")).containsExactly(llama.encode("é café"));
    }

    @Test
    void givenTokenizerConfigNextToTheFile_whenLoading_thenItsEosAndPadWin(@TempDir Path dir) throws Exception {
        Files.copy(fixture("llama3-style"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<|begin_of_text|>\", "
                + "\"eos_token\": {\"content\": \"<|eot_id|>\", \"special\": true}, \"pad_token\": \"<|end_of_text|>\"}",
                StandardCharsets.UTF_8);
        HfTokenizer t = HfTokenizer.load(dir.resolve("tokenizer.json"));
        assertThat(t.bosId()).isEqualTo(265);
        assertThat(t.eosId()).isEqualTo(268);
        assertThat(t.padId()).isEqualTo(266);
    }

    @Test
    void givenOutputsRecordedFromHuggingFaceTokenizers_whenEncodingTheSameTexts_thenTheIdsAreEqual() {
        // Recorded with the Python `tokenizers` 0.23.2 library on these fixtures (encode(..., add_special_tokens=False)):
        // an independent check of the regexes (\s on Unicode spaces, newlines), digit runs and case-insensitive contractions.
        assertThat(gpt2.encode("  two  spaces\n\nx")).containsExactly(220, 256, 86, 78, 220, 264, 79, 64, 66, 274, 198, 198, 87);
        assertThat(gpt2.encode("医学是 the 研究。 😀")).containsExactly(161, 234, 119, 161, 255, 99, 162, 246, 107, 262, 220,
                163, 254, 242, 163, 102, 114, 159, 222, 224, 220, 172, 253, 246, 222);
        assertThat(llama.encode("I'LL 12345")).containsExactly(40, 6, 43, 43, 220, 16, 17, 18, 19, 20);
    }

    @Test
    void givenEitherKindOfTokenizerJson_whenLoadedThroughTheInterface_thenTheRightReaderIsUsed(@TempDir Path dir)
            throws IOException, URISyntaxException {
        assertThat(TextTokenizer.load(fixture("gpt2-style"))).isInstanceOf(HfTokenizer.class);
        BpeTokenizer ours = new BpeTrainer(300).train(java.util.List.of("the cat sat on the mat", "医学 医学"));
        ours.save(dir.resolve("tokenizer.json"));
        TextTokenizer loaded = TextTokenizer.load(dir.resolve("tokenizer.json"));
        assertThat(loaded).isInstanceOf(BpeTokenizer.class);
        assertThat(loaded.encode("the mat")).containsExactly(ours.encode("the mat"));
    }

    @Test
    void givenASentencePieceStyleFile_whenLoading_thenTheErrorSaysWhatIsNotSupported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"byte_fallback\": true, "
                + "\"vocab\": {\"a\": 0}, \"merges\": []}, \"pre_tokenizer\": {\"type\": \"Metaspace\"}}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> HfTokenizer.load(dir.resolve("tokenizer.json"))).isInstanceOf(IOException.class)
                .hasMessageContaining("byte_fallback");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(HfTokenizerTest.class.getResource("/hf-tokenizer/" + name + "/tokenizer.json").toURI());
    }
}
