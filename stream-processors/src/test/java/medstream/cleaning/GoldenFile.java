package medstream.cleaning;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Outputs recorded once from real documents (the shared data), kept under {@code src/test/resources/golden}: a test
 * computes its lines and compares them with the file, so a behaviour change shows as the first line that differs,
 * with no copy of the old implementation to keep in step. Where a change is meant, rewrite the files with
 * {@value #REGENERATE} and review the diff.
 */
public final class GoldenFile {
    /** Rewrites every golden file of this module from the code as it is. */
    public static final String REGENERATE = "mvn -o -q -pl stream-processors -am test -Dtest='*GoldenTest' "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dmedstream.golden.write=true";
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private GoldenFile() {
    }

    /** Fails unless {@code actual} equals the lines of golden file {@code name} (or rewrites it, see the class). */
    public static void check(String name, List<String> actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("medstream.golden.write")) {
                Files.createDirectories(DIR);
                Files.write(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.isRegularFile(file)) {
                fail("no golden file " + file.toAbsolutePath() + "; record it with: " + REGENERATE);
            }
            List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    fail(name + " line " + (i + 1) + " differs:\n expected " + expected.get(i) + "\n actual   "
                            + actual.get(i) + "\nIf the change is meant, regenerate with: " + REGENERATE);
                }
            }
            if (expected.size() != actual.size()) {
                fail(name + ": expected " + expected.size() + " lines, computed " + actual.size()
                        + "; if the change is meant, regenerate with: " + REGENERATE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
