package medstream.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamingDecoderTest {

    private static BpeTokenizer bytesOnly;
    private static BpeTokenizer trained;

    @BeforeAll
    static void train() {
        // With no merges every multi-byte character is split across tokens: the hardest case.
        bytesOnly = new BpeTrainer(260).train(HandWrittenCorpus.repeated(1));
        trained = new BpeTrainer(600).train(HandWrittenCorpus.repeated(3));
    }

    @Test
    void givenCharactersSplitAcrossTokens_whenPushedOneByOne_thenNoReplacementCharacterAndSameTextAsDecode() {
        String text = "患者 😷 took 100 mg，naïve ①";
        for (BpeTokenizer tokenizer : List.of(bytesOnly, trained)) {
            int[] ids = tokenizer.encode(text);
            StreamingDecoder decoder = tokenizer.streamingDecoder(false);
            List<String> pieces = new ArrayList<>();

            for (int id : ids) {
                pieces.add(decoder.push(id));
            }
            pieces.add(decoder.flush());

            assertThat(pieces).noneMatch(piece -> piece.contains("\uFFFD"));
            assertThat(String.join("", pieces)).isEqualTo(text).isEqualTo(tokenizer.decode(ids));
        }
    }

    @Test
    void givenFirstBytesOfAnEmoji_whenPushed_thenNothingIsPrintedUntilFlushGivesReplacement() {
        StreamingDecoder decoder = bytesOnly.streamingDecoder(false);

        String printed = decoder.push(0xF0) + decoder.push(0x9F) + decoder.push(0x98);

        assertThat(printed).isEmpty();
        assertThat(decoder.flush()).isEqualTo("\uFFFD");
        assertThat(decoder.push('a')).isEqualTo("a");
    }

    @Test
    void givenSpecialTokens_whenSkipped_thenOnlyTheirTextIsLeftOut() {
        int[] ids = trained.encode("治疗<|eos|>", true);
        StreamingDecoder keep = trained.streamingDecoder(false);
        StreamingDecoder skip = trained.streamingDecoder(true);
        StringBuilder kept = new StringBuilder();
        StringBuilder skipped = new StringBuilder();

        for (int id : ids) {
            kept.append(keep.push(id));
            skipped.append(skip.push(id));
        }

        assertThat(kept.append(keep.flush()).toString()).isEqualTo("治疗<|eos|>");
        assertThat(skipped.append(skip.flush()).toString()).isEqualTo("治疗");
    }
}
