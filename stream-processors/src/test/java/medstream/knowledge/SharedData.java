package medstream.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared data sets are: the {@code medstream.shared.data} system property, else ../shared/data. */
public final class SharedData {
    private SharedData() { }

    /** The folder, checked to exist so a wrong setup fails with a message instead of an empty test. */
    public static Path root() {
        String prop = System.getProperty("medstream.shared.data");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared", "data");
        if (!Files.isDirectory(p)) {
            p = Path.of("..", "..", "shared", "data");
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared data not found at " + p.toAbsolutePath()
                    + ": set -Dmedstream.shared.data=/path/to/shared/data");
        }
        return p;
    }
}
