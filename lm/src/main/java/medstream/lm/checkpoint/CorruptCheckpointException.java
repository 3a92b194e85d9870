package medstream.lm.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint directory is incomplete or damaged: its manifest is missing or unreadable, or a file is
 * missing or differs from the size and SHA-256 the manifest recorded. The message names the file and what
 * to do (usually: delete the directory and resume from the previous checkpoint).
 */
public final class CorruptCheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path checkpoint;
    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param checkpoint the checkpoint directory
     * @param file the offending file inside it (or the directory itself)
     * @param message what is wrong and what to do
     * @param cause the underlying error, if any
     */
    public CorruptCheckpointException(Path checkpoint, Path file, String message, Throwable cause) {
        super(message, cause);
        this.checkpoint = checkpoint;
        this.file = file;
    }

    /** The checkpoint directory. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** The file that failed verification. */
    public Path file() {
        return file;
    }
}
