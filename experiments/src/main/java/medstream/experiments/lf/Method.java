package medstream.experiments.lf;

import java.util.List;
import java.util.function.Function;

/**
 * Something the weak-supervision cross-validation trains on a fold's training items and scores on its held-out
 * items: a label model, the majority vote, one voter alone, the naive-Bayes reference. One shape for all, so every
 * row of the report gets the same nested threshold calibration and the same metrics.
 */
interface Method {

    /** The row's name in the report. */
    String name();

    /**
     * Trains on labeled items and returns the predictor: item -> probability per option of
     * {@link medstream.labeler.lf.Vote#OPTIONS}. Must use nothing but {@code train} (and their gold).
     */
    Function<VotedItem, double[]> train(List<VotedItem> train);
}
