package medstream.labeler.lf;

/**
 * A small, named, pure rule over one request that votes yes, no or maybe, or abstains. Rules are weak on purpose:
 * each covers part of the items and errs on some; the label model learns from their agreements (and, when gold is
 * at hand, from gold) how much each one is worth.
 */
public interface LabelingFunction {

    /** Stable id, recorded in every label's lineage: change it when the rule's meaning changes. */
    String id();

    /** The rule's full definition (field, patterns, label), hashed into {@link LabelingFunctions#hash()}. */
    String definition();

    /** False for rules over the question alone: a negated question flips only the votes of rules over the answer. */
    default boolean readsAnswer() {
        return true;
    }

    /** The rule's vote on one input; an abstention when its cue is absent or its field is empty. */
    Vote vote(LfInput input);
}
