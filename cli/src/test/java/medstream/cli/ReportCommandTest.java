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

class ReportCommandTest {
    @TempDir
    Path out;

    @Test
    void givenARunFolder_whenReportRuns_thenItWritesReportHtmlAgain() throws Exception {
        Files.writeString(out.resolve("summary.json"), "{\"schema_version\": 1, \"status\": \"ok\"}", StandardCharsets.UTF_8);

        int code = Main.run("report", out.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8)).contains("<section id=\"data-card\">");
    }

    @Test
    void givenAFolderWithoutASummary_whenReportRuns_thenItFailsSayingWhichFolderToGive() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("report", out.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("No summary.json in " + out).contains("--out folder").doesNotContain("\tat ");
        assertThat(out.resolve("report.html")).doesNotExist();
    }
}
