package medstream.trainer;

import java.nio.file.Path;
import medstream.contracts.ModelVersion;

/**
 * What a round produced.
 *
 * @param version the published version record
 * @param checkpoint the checkpoint directory
 * @param steps optimizer steps of the round
 * @param newRows rows made from new records
 * @param replayRows replayed rows
 * @param trainedTokens tokens trained on (new and replayed rows, without padding)
 * @param trainSeconds wall time of the optimizer steps
 * @param checkpointSeconds wall time of writing the checkpoint
 * @param finalLoss mean loss of the round's last steps (NaN when no step ran)
 */
public record RoundResult(ModelVersion version, Path checkpoint, int steps, int newRows, int replayRows,
        long trainedTokens, double trainSeconds, double checkpointSeconds, double finalLoss) {

    /** Tokens per second of the optimizer steps. */
    public double tokensPerSecond() {
        return trainSeconds > 0 ? trainedTokens / trainSeconds : 0;
    }
}
