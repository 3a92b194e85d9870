package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScrubCommandTest {

    @TempDir
    Path dir;

    @Test
    void givenAJsonLinesFile_whenScrubCommandRuns_thenItWritesTheMaskedFileAndPrintsCountsPerKind() throws Exception {
        Path in = dir.resolve("notes.jsonl");
        Files.writeString(in, "{\"id\":\"a\",\"text\":\"Dr. Robert Chen admitted the 93-year-old on 03/14/2021.\"}\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("scrubbed.jsonl");
        CommandLine cli = Main.commandLine();
        StringWriter stdout = new StringWriter();
        cli.setOut(new PrintWriter(stdout));

        int code = cli.execute("scrub", "--input", in.toString(), "--output", out.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .contains("Dr. [NAME] admitted the [AGE]-year-old on [DATE].");
        assertThat(stdout.toString()).contains("Scrubbed 1 documents").contains("name      1").contains("date      1")
                .contains("age       1");
    }

    @Test
    void givenAnUnknownMode_whenScrubCommandRuns_thenItFailsNamingTheModes() throws Exception {
        Path in = dir.resolve("notes.txt");
        Files.writeString(in, "text\n", StandardCharsets.UTF_8);
        CommandLine cli = Main.commandLine();
        StringWriter stderr = new StringWriter();
        cli.setErr(new PrintWriter(stderr));

        int code = cli.execute("scrub", "--input", in.toString(), "--output", dir.resolve("o.txt").toString(),
                "--mode", "blur");

        assertThat(code).isNotZero();
        assertThat(stderr.toString()).contains("mask or surrogate");
    }
}
