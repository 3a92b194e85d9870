package medstream.knowledge.kg;

import java.util.List;

/**
 * A sampled piece of one entity's neighbourhood, ready to be rewritten into text.
 *
 * @param scale     fact, star or path
 * @param id        stable record id (depends on the entity or facts, never on arrival order)
 * @param entityKey the entity it was sampled around ({@code source:id})
 * @param facts     the facts in rendering order (a path holds exactly two)
 */
public record Subgraph(Scale scale, String id, String entityKey, List<Fact> facts) {
    public Subgraph {
        facts = List.copyOf(facts);
    }
}
