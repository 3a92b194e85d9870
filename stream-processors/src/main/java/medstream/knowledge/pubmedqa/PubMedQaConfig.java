package medstream.knowledge.pubmedqa;

/**
 * Settings of the PubMedQA routing, with defaults in one place.
 *
 * @param devFold          the PQA-L cross-validation fold (0-9) whose dev part is kept as the evaluation set
 * @param artificialWeight sample weight of PQA-A tasks (their labels are heuristic)
 * @param protectUnlabeled also register unlabeled items as evaluation items (split {@value #UNLABELED_SPLIT},
 *                         no answer), so decontamination keeps their abstracts out of stage 1 and 2; in this
 *                         project the unlabeled pool is the PQA-L test half
 */
public record PubMedQaConfig(int devFold, double artificialWeight, boolean protectUnlabeled) {
    /** Split name of the protection-only evaluation items. */
    public static final String UNLABELED_SPLIT = "test-unlabeled";

    public PubMedQaConfig {
        if (devFold < 0 || devFold > 9) {
            throw new IllegalArgumentException("devFold must be a PQA-L fold 0-9, got " + devFold);
        }
        if (!(artificialWeight >= 0.0)) {
            throw new IllegalArgumentException("artificialWeight must be >= 0, got " + artificialWeight);
        }
    }

    /** Fold 0 is the dev set (as in the PubMedQA reference split), PQA-A weight 1.0, unlabeled items protected. */
    public static PubMedQaConfig defaults() {
        return new PubMedQaConfig(0, 1.0, true);
    }
}
