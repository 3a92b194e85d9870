package medstream.knowledge.kg;

import java.util.List;

/**
 * What is known about one entity: the facts where it is the subject (outgoing) and where it is the
 * object (incoming). Incoming facts let a 2-hop path A -r1-> B -r2-> C be built at its middle entity B
 * from B's own state, so the streaming app never needs another partition's store.
 *
 * @param entityKey {@code source:id} of the entity
 * @param outgoing  facts with this entity as subject
 * @param incoming  facts with this entity as object
 */
public record EntityGraph(String entityKey, List<Fact> outgoing, List<Fact> incoming) {
    public EntityGraph {
        outgoing = List.copyOf(outgoing);
        incoming = List.copyOf(incoming);
    }

    /** Number of facts held. */
    public int size() {
        return outgoing.size() + incoming.size();
    }
}
