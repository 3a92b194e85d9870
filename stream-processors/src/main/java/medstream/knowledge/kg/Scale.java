package medstream.knowledge.kg;

/** The sub-graph scales of the paper's knowledge injection: single facts, 1-hop stars, 2-hop paths. */
public enum Scale {
    /** One triplet. */
    FACT("KG_FACT"),
    /** Every sampled fact of one subject entity, as one paragraph. */
    STAR("KG_STAR"),
    /** A -r1-> B -r2-> C, as a sentence chain. */
    PATH("KG_PATH");

    private final String sourceKind;

    Scale(String sourceKind) {
        this.sourceKind = sourceKind;
    }

    /** The {@code CorpusText.sourceKind} of text made at this scale. */
    public String sourceKind() {
        return sourceKind;
    }
}
