package medstream.trainer.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What training one version from memory did.
 *
 * @param checkpoint the version's directory, a checkpoint the labeler and the trainer load
 * @param parameters the model's parameters (trainable or not)
 * @param rows the records that were formatted into rows; each is trained once per epoch
 * @param unformattable "id: reason" of the records no row could hold (never trained on, as the service sends them to
 *     the dead-letter topic)
 * @param rowTokens tokens of the rows of one epoch
 * @param steps optimizer steps
 * @param trainedTokens tokens trained on over every epoch, without padding
 * @param lossCurve {global step, loss} of every step, in order
 * @param finalLoss mean loss of the last steps (NaN when no step ran)
 * @param trainSeconds wall time of the steps
 * @param tokensPerSecond trained tokens per second of the steps
 * @param checkpointSeconds wall time of writing the version
 */
public record TrainedVersion(Path checkpoint, long parameters, int rows, List<String> unformattable, long rowTokens,
        int steps, long trainedTokens, List<double[]> lossCurve, double finalLoss, double trainSeconds,
        double tokensPerSecond, double checkpointSeconds) {

    /** Copies the lists. */
    public TrainedVersion {
        unformattable = List.copyOf(unformattable);
        lossCurve = List.copyOf(lossCurve);
    }
}
