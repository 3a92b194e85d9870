package medstream.trainer;

/**
 * A stage trainer stopped without a clean shutdown: its thread was interrupted or a round failed. The round
 * in progress was not checkpointed; restarting the trainer resumes from the previous version.
 */
public final class TrainerCrashedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and where the next start resumes
     * @param cause the interruption or failure
     */
    public TrainerCrashedException(String message, Throwable cause) {
        super(message, cause);
    }
}
