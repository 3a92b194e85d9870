package medstream.labeler.testing;

import java.nio.file.Path;

/** Where the shared data sets are: the surefire property {@code medstream.shared.data}, else ../shared/data. */
public final class SharedData {
    private SharedData() {}

    /** The PQA-L folder (trainval, folds, unlabeled test half). */
    public static Path pqal() {
        String p = System.getProperty("medstream.shared.data");
        return (p != null ? Path.of(p) : Path.of("../shared/data")).resolve("pubmedqa-pqal");
    }
}
