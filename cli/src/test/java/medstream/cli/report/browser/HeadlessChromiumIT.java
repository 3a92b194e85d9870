package medstream.cli.report.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser check itself: it must see each kind of breakage it exists to catch, and pass a clean page. */
class HeadlessChromiumIT {
    private static final String CHART = "<svg xmlns=\"http://www.w3.org/2000/svg\" data-chart=\"%s\" width=\"200\" height=\"100\">%s</svg>";
    private static final String BAR = "<rect class=\"mark\" x=\"10\" y=\"10\" width=\"50\" height=\"20\" fill=\"#0072B2\"/>";

    @TempDir
    Path dir;

    @Test
    void givenACleanPage_whenChecked_thenThereAreNoProblemsAndAScreenshot() throws Exception {
        Path page = page("<section id=\"a\">" + String.format(CHART, "good", BAR) + "</section>");

        try (HeadlessChromium browser = HeadlessChromium.start(ChromiumForTests.binaryOrSkip())) {
            PageCheck check = browser.check(page, List.of("a"));

            assertThat(check.problems()).isEmpty();
            assertThat(check.charts()).isEqualTo(1);
            assertThat(check.screenshotPng()).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void givenAPageWithAConsoleErrorAnExceptionAMissingSectionAndAnEmptyChart_whenChecked_thenEachIsReported() throws Exception {
        Path page = page("<section id=\"a\">" + String.format(CHART, "good", BAR) + String.format(CHART, "blank", "") + "</section>"
                + "<script>console.error('broken on purpose');</script><script>undefinedFunction();</script>");

        try (HeadlessChromium browser = HeadlessChromium.start(ChromiumForTests.binaryOrSkip())) {
            PageCheck check = browser.check(page, List.of("a", "b"));

            assertThat(check.problems()).anyMatch(p -> p.startsWith("console error") && p.contains("broken on purpose"))
                    .anyMatch(p -> p.startsWith("uncaught exception") && p.contains("undefinedFunction"))
                    .contains("section missing: #b", "chart did not render: blank")
                    .noneMatch(p -> p.contains("chart did not render: good"));
        }
    }

    private Path page(String body) throws Exception {
        Path file = dir.resolve("page.html");
        Files.writeString(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + body + "</body></html>",
                StandardCharsets.UTF_8);
        return file;
    }
}
