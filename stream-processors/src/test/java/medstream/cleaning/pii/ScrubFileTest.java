package medstream.cleaning.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrubFileTest {

    @TempDir
    Path dir;

    @Test
    void givenJsonLines_whenScrubbed_thenTextIsMaskedOtherFieldsStayAndCountsAreByKind() throws IOException {
        Path in = dir.resolve("in.jsonl");
        Files.write(in, List.of("{\"id\":\"n1\",\"text\":\"Patient John Smith, MRN: 00123456.\",\"source\":\"ward\"}",
                "", "{\"id\":\"n2\",\"text\":\"Parkinson disease, metformin 500 mg.\"}"), StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");

        ScrubFile.Summary s = ScrubFile.run(in, out, PiiScrubber.Mode.MASK);

        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactly(
                "{\"id\":\"n1\",\"text\":\"Patient [NAME], MRN: [MRN].\",\"source\":\"ward\"}", "",
                "{\"id\":\"n2\",\"text\":\"Parkinson disease, metformin 500 mg.\"}");
        assertThat(s.documents()).isEqualTo(2);
        assertThat(s.changed()).isEqualTo(1);
        assertThat(s.counts()).containsEntry(PiiType.NAME, 1).containsEntry(PiiType.MRN, 1).hasSize(2);
    }

    @Test
    void givenPlainTextLines_whenScrubbedWithSurrogates_thenNoPlaceholderAndNoOriginalRemain() throws IOException {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "患者张伟于2021年3月15日入院。\nDr. Robert Chen saw her on 03/14/2021.\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out.txt");

        ScrubFile.run(in, out, PiiScrubber.Mode.SURROGATE);

        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("张伟", "2021年3月15日", "Robert Chen", "03/14/2021", "[NAME]", "[DATE]")
                .contains("患者", "入院", "Dr. ");
    }

    @Test
    void givenAJsonLineWithoutText_whenScrubbed_thenTheErrorNamesTheLineAndTheExpectedFields() throws IOException {
        Path in = dir.resolve("bad.jsonl");
        Files.writeString(in, "{\"id\":\"n1\",\"body\":\"x\"}\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ScrubFile.run(in, dir.resolve("o.jsonl"), PiiScrubber.Mode.MASK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1")
                .hasMessageContaining("\"text\"");
    }
}
