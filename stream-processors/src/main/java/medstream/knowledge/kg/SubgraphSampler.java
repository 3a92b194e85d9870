package medstream.knowledge.kg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import medstream.knowledge.Ids;

/**
 * Samples the sub-graphs of one entity at the configured scales. Output is a pure function of the
 * entity's facts and the config: facts are sorted by id first, so arrival order never matters.
 *
 * <p>Two kinds of randomness, chosen so that a late fact changes as little as possible:
 * <ul>
 *   <li>whether one fact or one path is taken is decided by a hash of (seed, scale, its id), so adding
 *       a fact never flips the decision for the others;</li>
 *   <li>which facts of an oversized star are kept is drawn from a {@link SplittableRandom} seeded by
 *       (seed, entity), so a star is reproducible, and an update re-samples it under the same id.</li>
 * </ul>
 */
public final class SubgraphSampler {
    /** Relations that lead a star paragraph, in this order (what a thing is, then what it treats or shows). */
    private static final List<String> LEAD_RELATIONS = List.of(
            "is_a", "类别", "CtD", "treats", "CpD", "palliates", "DpS", "presents", "has_symptom", "临床表现", "症状");

    private final SamplerConfig config;

    /** A sampler with this config. */
    public SubgraphSampler(SamplerConfig config) {
        this.config = config;
    }

    /** The config in use. */
    public SamplerConfig config() {
        return config;
    }

    /** Every sub-graph of the entity at the enabled scales, facts first, then the star, then paths. */
    public List<Subgraph> sample(EntityGraph graph) {
        List<Subgraph> result = new ArrayList<>(facts(graph.outgoing()));
        star(graph.entityKey(), graph.outgoing()).ifPresent(result::add);
        result.addAll(paths(graph.entityKey(), graph.incoming(), graph.outgoing()));
        return result;
    }

    /**
     * The single-fact sub-graphs of the given facts that the fact rate keeps. The decision is per fact,
     * so a streaming caller may pass only the facts that are new since its last emission.
     */
    public List<Subgraph> facts(List<Fact> facts) {
        if (!config.scales().contains(Scale.FACT)) {
            return List.of();
        }
        List<Subgraph> result = new ArrayList<>();
        for (Fact f : sortedUnique(facts)) {
            if (unit(Scale.FACT, f.id()) < config.factRate()) {
                result.add(new Subgraph(Scale.FACT, Ids.derived("kg-fact", f.id()), f.subjectKey(), List.of(f)));
            }
        }
        return result;
    }

    /** The star of an entity over its outgoing facts, if the star scale and rate keep it. */
    public Optional<Subgraph> star(String entityKey, List<Fact> outgoing) {
        List<Fact> out = sortedUnique(outgoing);
        if (!config.scales().contains(Scale.STAR) || out.isEmpty() || unit(Scale.STAR, entityKey) >= config.starRate()) {
            return Optional.empty();
        }
        return Optional.of(new Subgraph(Scale.STAR, starId(entityKey), entityKey, starFacts(entityKey, out)));
    }

    /**
     * The 2-hop paths through a middle entity: in-edge then out-edge, without A -> B -> A. Hubs are cut
     * to {@code maxPathFanout} in- and out-edges (smallest hashes), then the path rate and
     * {@code maxPathsPerEntity} (smallest hashes again) apply, so one added fact changes few paths.
     */
    public List<Subgraph> paths(String entityKey, List<Fact> incoming, List<Fact> outgoing) {
        if (!config.scales().contains(Scale.PATH)) {
            return List.of();
        }
        return pathsOf(entityKey, fanout(sortedUnique(incoming)), fanout(sortedUnique(outgoing)));
    }

    /** The id of an entity's star: stable, so an updated star replaces the earlier one under the same key. */
    public static String starId(String entityKey) {
        return Ids.derived("kg-star", entityKey);
    }

    private List<Fact> starFacts(String entityKey, List<Fact> out) {
        SplittableRandom rng = new SplittableRandom(config.seed() ^ Ids.hash64("star|" + entityKey));
        Map<String, List<Fact>> byRelation = new LinkedHashMap<>();
        for (Fact f : out) {
            byRelation.computeIfAbsent(f.relation(), r -> new ArrayList<>()).add(f);
        }
        List<Fact> pool = new ArrayList<>();
        for (List<Fact> group : byRelation.values()) {
            List<Fact> g = new ArrayList<>(group);
            if (g.size() > config.maxObjectsPerRelation()) {
                Collections.shuffle(g, new java.util.Random(rng.nextLong()));
                g = g.subList(0, config.maxObjectsPerRelation());
            }
            pool.addAll(g);
        }
        if (pool.size() > config.maxStarFacts()) {
            Collections.shuffle(pool, new java.util.Random(rng.nextLong()));
            pool = new ArrayList<>(pool.subList(0, config.maxStarFacts()));
        }
        pool.sort(Comparator.comparingInt((Fact f) -> leadRank(f.relation()))
                .thenComparing(Fact::relation)
                .thenComparing(Fact::objectName)
                .thenComparing(Fact::objectId));
        return pool;
    }

    private List<Fact> fanout(List<Fact> facts) {
        if (facts.size() <= config.maxPathFanout()) {
            return facts;
        }
        List<Fact> sorted = new ArrayList<>(facts);
        sorted.sort(Comparator.comparingDouble(f -> unit(Scale.PATH, "fanout|" + f.id())));
        return sorted.subList(0, config.maxPathFanout());
    }

    private List<Subgraph> pathsOf(String entityKey, List<Fact> in, List<Fact> out) {
        record Candidate(Fact first, Fact second, double u) { }
        List<Candidate> taken = new ArrayList<>();
        for (Fact first : in) {
            for (Fact second : out) {
                if (first.subjectId().equals(second.objectId())) {
                    continue; // A -> B -> A says nothing new
                }
                double u = unit(Scale.PATH, first.id() + "\u0000" + second.id());
                if (u < config.pathRate()) {
                    taken.add(new Candidate(first, second, u));
                }
            }
        }
        // The paths with the smallest hashes win: adding a fact adds candidates but never reorders others.
        taken.sort(Comparator.comparingDouble(Candidate::u));
        List<Subgraph> result = new ArrayList<>();
        for (Candidate c : taken.subList(0, Math.min(taken.size(), config.maxPathsPerEntity()))) {
            String id = Ids.derived("kg-path", List.of(c.first().id(), c.second().id()));
            result.add(new Subgraph(Scale.PATH, id, entityKey, List.of(c.first(), c.second())));
        }
        return result;
    }

    private static int leadRank(String relation) {
        int i = LEAD_RELATIONS.indexOf(relation);
        return i < 0 ? LEAD_RELATIONS.size() : i;
    }

    private double unit(Scale scale, String id) {
        long h = Ids.hash64(config.seed() + "|" + scale + "|" + id);
        return (h >>> 11) * 0x1.0p-53;
    }

    private static List<Fact> sortedUnique(List<Fact> facts) {
        Map<String, Fact> byId = new LinkedHashMap<>();
        facts.stream().sorted(Comparator.comparing(Fact::id)).forEach(f -> byId.putIfAbsent(f.id(), f));
        return new ArrayList<>(byId.values());
    }
}
