package medstream.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the shared data sets are: system property {@code medstream.shared.data}, else ../shared/data. */
public final class SharedData {
    private SharedData() { }

    public static Path dir() {
        String prop = System.getProperty("medstream.shared.data");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared", "data");
        if (!Files.isDirectory(p)) {
            p = Path.of("..", "..", "shared", "data");
        }
        Path found = p;
        Assumptions.assumeTrue(Files.isDirectory(found), "shared data not found at " + found.toAbsolutePath()
                + "; set -Dmedstream.shared.data");
        return found.toAbsolutePath().normalize();
    }

    public static Path of(String dataSet) {
        return dir().resolve(dataSet);
    }
}
