package medstream.cli.report.browser;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The browser the report's browser tests use: skipped without Chromium on a workstation, a failure on CI. */
public final class ChromiumForTests {
    private ChromiumForTests() {}

    /** Chromium's binary; skips the calling test when it is missing, unless {@code CI=true}, where it fails it. */
    public static Path binaryOrSkip() {
        Path chromium = HeadlessChromium.DEFAULT_BINARY;
        if (!Files.isExecutable(chromium)) {
            String why = "no Chromium at " + chromium + " (apt-get install chromium; .ci/run installs it)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true, so the browser check must run, but there is " + why);
            Assumptions.assumeTrue(false, "browser check skipped: " + why);
        }
        return chromium;
    }
}
