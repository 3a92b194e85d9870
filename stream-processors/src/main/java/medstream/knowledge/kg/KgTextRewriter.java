package medstream.knowledge.kg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import medstream.contracts.CorpusText;
import medstream.knowledge.TextUnits;

/**
 * Rewrites sampled sub-graphs into fluent text with the relation templates: a fact is one sentence; a
 * star groups the facts of one subject by relation, joins each relation's objects into a natural
 * list and continues with a pronoun ("Metformin treats A and B. It palliates C."); a path is a
 * sentence chain ("A treats B, which presents with C.").
 */
public final class KgTextRewriter {
    /** Text with the relations that had no template (rendered generically; the caller counts them). */
    public record Rendered(String text, Set<String> genericRelations) { }

    /** The stage-1 record of a sub-graph and the relations it rendered generically. */
    public record KgText(CorpusText corpus, Set<String> genericRelations) { }

    private final TemplateRegistry registry;

    /** A rewriter over the given template registry. */
    public KgTextRewriter(TemplateRegistry registry) {
        this.registry = registry;
    }

    /** A rewriter over the built-in tables. */
    public KgTextRewriter() {
        this(new TemplateRegistry());
    }

    /** One fact as one sentence. */
    public Rendered fact(Fact f) {
        TemplateRegistry.Resolution r = registry.resolve(f);
        String clause = r.template().clause(f.subjectName(), f.objectName(), 1);
        return new Rendered(sentence(clause, f.language()), generic(r, f));
    }

    /**
     * The facts of one subject as one paragraph, in the given order; facts whose templates match are
     * merged into one clause with a list of objects.
     */
    public Rendered star(List<Fact> facts) {
        if (facts.isEmpty()) {
            throw new IllegalArgumentException("a star needs at least one fact");
        }
        String language = facts.get(0).language();
        Map<String, List<Fact>> groups = new LinkedHashMap<>();
        Map<String, TemplateRegistry.Resolution> templates = new LinkedHashMap<>();
        Set<String> generic = new LinkedHashSet<>();
        for (Fact f : facts) {
            TemplateRegistry.Resolution r = registry.resolve(f);
            groups.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(f);
            templates.putIfAbsent(r.groupKey(), r);
            generic.addAll(generic(r, f));
        }
        boolean zh = "zh".equals(language);
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, List<Fact>> g : groups.entrySet()) {
            List<String> objects = g.getValue().stream().map(Fact::objectName).distinct().toList();
            String subject = first ? g.getValue().get(0).subjectName() : (zh ? "它" : "It");
            String clause = templates.get(g.getKey()).template()
                    .clause(subject, TextUnits.joinList(objects, language), objects.size());
            if (!first && !zh) {
                text.append(' ');
            }
            text.append(sentence(clause, language));
            first = false;
        }
        return new Rendered(text.toString(), generic);
    }

    /** A 2-hop path {@code first.subject -> first.object == second.subject -> second.object} as a sentence chain. */
    public Rendered path(Fact first, Fact second) {
        if (!first.objectId().equals(second.subjectId())) {
            throw new IllegalArgumentException("not a path: " + first.id() + " does not end where " + second.id() + " starts");
        }
        TemplateRegistry.Resolution r1 = registry.resolve(first);
        TemplateRegistry.Resolution r2 = registry.resolve(second);
        Set<String> generic = new LinkedHashSet<>(generic(r1, first));
        generic.addAll(generic(r2, second));
        String c1 = r1.template().clause(first.subjectName(), first.objectName(), 1);
        String text;
        if ("zh".equals(first.language())) {
            text = c1 + "，而" + r2.template().clause(second.subjectName(), second.objectName(), 1) + "。";
        } else {
            String vp2 = r2.template().verbPhrase(second.objectName(), 1);
            text = vp2 != null
                    ? sentence(c1 + ", which " + vp2, "en")
                    : sentence(c1, "en") + " " + sentence(r2.template().clause(second.subjectName(), second.objectName(), 1), "en");
        }
        return new Rendered(text, generic);
    }

    /** The text of a sampled sub-graph as a stage-1 record. */
    public KgText toCorpus(Subgraph g) {
        Rendered r = switch (g.scale()) {
            case FACT -> fact(g.facts().get(0));
            case STAR -> star(g.facts());
            case PATH -> path(g.facts().get(0), g.facts().get(1));
        };
        Fact head = g.facts().get(0);
        CorpusText corpus = CorpusText.newBuilder()
                .setId(g.id())
                .setText(r.text())
                .setLanguage(head.language())
                .setSourceKind(g.scale().sourceKind())
                .setSource(head.source())
                .setOriginIds(g.facts().stream().map(Fact::id).toList())
                .setApproxTokens(TextUnits.approxTokens(r.text()))
                .build();
        return new KgText(corpus, r.genericRelations());
    }

    private static String sentence(String clause, String language) {
        return TextUnits.terminate(TextUnits.capitalize(clause), language);
    }

    private static Set<String> generic(TemplateRegistry.Resolution r, Fact f) {
        return r.generic() ? Set.of(f.relation()) : Set.of();
    }
}
