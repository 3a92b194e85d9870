package medstream.labeler.eval;

/**
 * One labeled item with its gold label.
 *
 * @param id         item id
 * @param gold       the expert label
 * @param predicted  the labeler's label (null when it gave none: counted wrong)
 * @param confidence the labeler's confidence in [0, 1]
 * @param accepted   true when routing said ACCEPT
 */
public record Prediction(String id, String gold, String predicted, double confidence, boolean accepted) {
    /** True when the label is the gold one. */
    public boolean correct() {
        return gold.equals(predicted);
    }
}
