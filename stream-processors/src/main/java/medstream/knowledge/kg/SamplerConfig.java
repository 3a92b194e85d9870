package medstream.knowledge.kg;

import java.util.EnumSet;
import java.util.Set;

/**
 * Scales and sampling rates of the sub-graph sampler, with defaults in one place.
 *
 * @param scales                which scales to emit
 * @param factRate              share of single facts emitted as their own text, in [0,1]
 * @param starRate              share of entities whose star is emitted, in [0,1]
 * @param pathRate              share of 2-hop paths considered, in [0,1]
 * @param maxStarFacts          most facts in one star paragraph (hubs such as genes have thousands)
 * @param maxObjectsPerRelation most objects listed for one relation in a star
 * @param maxPathsPerEntity     most paths emitted through one middle entity
 * @param maxPathFanout         most in-edges and most out-edges of a middle entity considered for paths
 *                              (hubs would otherwise give in x out candidates: 500 x 500 for a gene)
 * @param seed                  seed of every sampling decision; same seed and data, same output
 */
public record SamplerConfig(Set<Scale> scales, double factRate, double starRate, double pathRate,
                            int maxStarFacts, int maxObjectsPerRelation, int maxPathsPerEntity, int maxPathFanout,
                            long seed) {

    public SamplerConfig {
        scales = scales.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scales));
        checkRate("factRate", factRate);
        checkRate("starRate", starRate);
        checkRate("pathRate", pathRate);
        if (maxStarFacts < 1 || maxObjectsPerRelation < 1 || maxPathsPerEntity < 0 || maxPathFanout < 1) {
            throw new IllegalArgumentException("maxStarFacts and maxObjectsPerRelation must be >= 1 and "
                    + "maxPathsPerEntity >= 0 and maxPathFanout >= 1, got " + maxStarFacts + ", " + maxObjectsPerRelation + ", "
                    + maxPathsPerEntity + ", " + maxPathFanout);
        }
    }

    /**
     * Defaults: every scale; stars for every entity; a fifth of single facts (most of them are also
     * in a star); a tenth of the paths, at most 5 per middle entity; stars of at most 24 facts with at
     * most 8 objects per relation (longer lists stop reading as text); paths through at most 32 in- and
     * 32 out-edges of a hub.
     */
    public static SamplerConfig defaults() {
        return new SamplerConfig(EnumSet.allOf(Scale.class), 0.2, 1.0, 0.1, 24, 8, 5, 32, 42L);
    }

    /** A copy with other rates. */
    public SamplerConfig withRates(double fact, double star, double path) {
        return new SamplerConfig(scales, fact, star, path, maxStarFacts, maxObjectsPerRelation, maxPathsPerEntity,
                maxPathFanout, seed);
    }

    /** A copy with other scales. */
    public SamplerConfig withScales(Set<Scale> newScales) {
        return new SamplerConfig(newScales, factRate, starRate, pathRate, maxStarFacts, maxObjectsPerRelation,
                maxPathsPerEntity, maxPathFanout, seed);
    }

    /** A copy with other caps. */
    public SamplerConfig withCaps(int starFacts, int objectsPerRelation, int pathsPerEntity) {
        return new SamplerConfig(scales, factRate, starRate, pathRate, starFacts, objectsPerRelation, pathsPerEntity,
                maxPathFanout, seed);
    }

    /** A copy with another seed. */
    public SamplerConfig withSeed(long newSeed) {
        return new SamplerConfig(scales, factRate, starRate, pathRate, maxStarFacts, maxObjectsPerRelation,
                maxPathsPerEntity, maxPathFanout, newSeed);
    }

    /** A copy with another path fan-out cap. */
    public SamplerConfig withPathFanout(int fanout) {
        return new SamplerConfig(scales, factRate, starRate, pathRate, maxStarFacts, maxObjectsPerRelation,
                maxPathsPerEntity, fanout, seed);
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0,1], got " + rate);
        }
    }
}
