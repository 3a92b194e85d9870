package medstream.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CjkPreTokenizerTest {

    private final PreTokenizer standard = CjkPreTokenizer.standard();

    @Test
    void givenEnglishSentence_whenSplit_thenWordsKeepTheirLeadingSpaceAndDigitsGroupByThree() {
        List<String> pieces = standard.split("Hello world, it's 12345 mg!\n\nNext");

        assertThat(pieces).containsExactly("Hello", " world", ",", " it", "'s", " ", "123", "45", " mg", "!\n\n", "Next");
    }

    @Test
    void givenHanRun_whenSplit_thenPiecesHoldAtMostTwoHanCharacters() {
        List<String> pieces = standard.split("患者需要手术治疗。术后");

        assertThat(pieces).containsExactly("患者", "需要", "手术", "治疗", "。", "术后");
    }

    @Test
    void givenHanRunLengthOne_whenSplit_thenEveryHanCharacterIsItsOwnPiece() {
        List<String> pieces = CjkPreTokenizer.withMaxHanRun(1).split("治疗高血压");

        assertThat(pieces).containsExactly("治", "疗", "高", "血", "压");
    }

    @Test
    void givenChineseMixedWithLatinAndNumbers_whenSplit_thenScriptsAndDigitsSeparate() {
        List<String> pieces = standard.split("服用阿司匹林100mg，每日3次");

        assertThat(pieces).containsExactly("服用", "阿司", "匹林", "100", "mg", "，", "每日", "3", "次");
    }

    @Test
    void givenUnicodeWhitespace_whenSplit_thenIdeographicSpaceIsWhitespaceNotPunctuation() {
        List<String> pieces = standard.split("体温\u3000正常");

        assertThat(pieces).containsExactly("体温", "\u3000", "正常");
    }

    @Test
    void givenRandomText_whenSplit_thenPiecesAreNonEmptyAndConcatenateToTheInput() {
        Random random = new Random(42);
        int[] alphabet = {'a', 'Z', ' ', '\n', '\r', '\t', '7', '.', ',', '\'', '-', 0x3000, 0x00A0, 0x00E9, 0x0301,
            '治', '疗', '。', '，', 0x1F600, 0x2460, 0xFF11, 'ß', 'Ж'};
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            }

            List<String> pieces = standard.split(text.toString());

            assertThat(pieces).allMatch(piece -> !piece.isEmpty());
            assertThat(String.join("", pieces)).isEqualTo(text.toString());
        }
    }

    @Test
    void givenRandomText_whenSplitByScanner_thenSamePiecesAsTheDefiningRegex() {
        Random random = new Random(9);
        int[] alphabet = {'a', 'Z', 's', 'S', 'l', 'L', 'v', 'e', 'E', 'r', 't', 'd', 'm', '\'', ' ', ' ', '\n', '\r', '\t',
            0x0B, 0x0C, 0x85, 0x2028, 0x3000, 0x00A0, 0x200B, '7', '0', 0x2460, 0x2167, 0xFF11, '.', ',', '-', '(', '"',
            0x00E9, 0x0301, 0x017F, 0x212A, 0x0130, '治', '疗', 0x3400, 0x20000, 0x2E80, '。', '，', 'の', 'ア', '한',
            0x1F600, 0x1F9FA, 0xD800, 0xDC00};
        for (CjkPreTokenizer preTokenizer : List.of(CjkPreTokenizer.standard(), CjkPreTokenizer.withMaxHanRun(1),
                CjkPreTokenizer.withMaxHanRun(3))) {
            for (int round = 0; round < 20_000; round++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(25);
                for (int i = 0; i < length; i++) {
                    if (random.nextInt(10) == 0) {
                        text.appendCodePoint(random.nextInt(0x110000)); // anything, lone surrogates included
                    } else {
                        text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
                    }
                }
                String input = text.toString();

                assertThat(preTokenizer.split(input)).as("%s on %s", preTokenizer, escape(input))
                        .isEqualTo(preTokenizer.splitWithPattern(input));
            }
        }
    }

    @Test
    void givenRealEnglishAndChineseText_whenSplitByScanner_thenSamePiecesAsTheDefiningRegex() {
        CjkPreTokenizer preTokenizer = CjkPreTokenizer.standard();
        List<String> texts = new ArrayList<>(SharedMedicalText.huatuoQa(1_000));
        texts.addAll(SharedMedicalText.pubmedQaContexts("pqal_trainval.json"));

        for (String text : texts) {
            assertThat(preTokenizer.split(text)).isEqualTo(preTokenizer.splitWithPattern(text));
        }
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(cp -> escaped.append(String.format(Locale.ROOT, "\\u{%X}", cp)));
        return escaped.toString();
    }

    @Test
    void givenSavedName_whenLookedUp_thenSamePreTokenizer() {
        assertThat(PreTokenizer.forName(standard.name())).isEqualTo(standard);
        assertThat(PreTokenizer.forName("medstream-cjk-v1:han3")).isEqualTo(CjkPreTokenizer.withMaxHanRun(3));
    }

    @Test
    void givenUnknownName_whenLookedUp_thenErrorNamesWhatIsKnown() {
        assertThatThrownBy(() -> PreTokenizer.forName("gpt2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpt2")
                .hasMessageContaining(standard.name());
    }
}
