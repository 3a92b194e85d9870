package medstream.knowledge.kg;

import static medstream.knowledge.kg.KgFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubgraphSamplerTest {
    private static final String T2DM = "hetionet:Disease::DOID:9352";

    /** Metformin binds 17 NDUF and SLC genes in the edge sample; these are n synthetic gene edges like them. */
    private static List<Fact> manyGeneEdges(int n) {
        return IntStream.range(0, n).mapToObj(i -> hetionet("Compound::DB00331", "Metformin", "Compound", "CbG",
                "Gene::" + (4700 + i), "NDUFX" + i, "Gene")).toList();
    }

    private static SamplerConfig all() {
        return SamplerConfig.defaults().withRates(1.0, 1.0, 1.0);
    }

    @Test
    void givenSameFactsInAnotherOrder_whenSampled_thenIdenticalOutput() {
        List<Fact> out = new ArrayList<>(manyGeneEdges(30));
        out.add(METFORMIN_T2DM);
        List<Fact> shuffled = new ArrayList<>(out);
        Collections.shuffle(shuffled, new Random(7));
        SubgraphSampler sampler = new SubgraphSampler(SamplerConfig.defaults().withRates(0.5, 1.0, 1.0));

        List<Subgraph> a = sampler.sample(new EntityGraph("hetionet:Compound::DB00331", out, List.of()));
        List<Subgraph> b = sampler.sample(new EntityGraph("hetionet:Compound::DB00331", shuffled, List.of()));

        assertThat(a).isEqualTo(b);
        assertThat(a).extracting(Subgraph::scale).contains(Scale.FACT, Scale.STAR);
    }

    @Test
    void givenRateHalf_whenSampled_thenRoughlyHalfTheFactsAndSeedChangesWhich() {
        List<Fact> out = manyGeneEdges(200);
        SamplerConfig half = SamplerConfig.defaults().withRates(0.5, 0.0, 0.0);

        List<Subgraph> a = new SubgraphSampler(half).sample(new EntityGraph("e", out, List.of()));
        List<Subgraph> b = new SubgraphSampler(half.withSeed(7)).sample(new EntityGraph("e", out, List.of()));

        assertThat(a).hasSizeBetween(70, 130).allMatch(g -> g.scale() == Scale.FACT);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void givenZeroRatesOrDisabledScales_whenSampled_thenNothingAtThoseScales() {
        EntityGraph g = new EntityGraph(T2DM, List.of(T2DM_FLUSHING, T2DM_HINDLIMB), List.of(METFORMIN_T2DM));

        assertThat(new SubgraphSampler(SamplerConfig.defaults().withRates(0, 0, 0)).sample(g)).isEmpty();
        assertThat(new SubgraphSampler(all().withScales(EnumSet.of(Scale.STAR))).sample(g))
                .extracting(Subgraph::scale).containsExactly(Scale.STAR);
    }

    @Test
    void givenLateFact_whenResampled_thenStarKeepsItsIdAndEarlierFactDecisionsHold() {
        SubgraphSampler sampler = new SubgraphSampler(SamplerConfig.defaults().withRates(0.5, 1.0, 0.0));
        List<Fact> early = manyGeneEdges(40);
        List<Fact> late = new ArrayList<>(early);
        late.add(METFORMIN_T2DM);

        List<Subgraph> before = sampler.sample(new EntityGraph("hetionet:Compound::DB00331", early, List.of()));
        List<Subgraph> after = sampler.sample(new EntityGraph("hetionet:Compound::DB00331", late, List.of()));

        Subgraph starBefore = only(before, Scale.STAR);
        Subgraph starAfter = only(after, Scale.STAR);
        assertThat(starAfter.id()).isEqualTo(starBefore.id()).isEqualTo("kg-star:hetionet:Compound::DB00331");
        assertThat(starAfter.facts()).contains(METFORMIN_T2DM);
        Set<String> factIdsBefore = idsOf(before, Scale.FACT);
        assertThat(idsOf(after, Scale.FACT)).containsAll(factIdsBefore);
    }

    @Test
    void givenHubEntity_whenStarSampled_thenCapsPerRelationAndTotalAppliedDeterministically() {
        List<Fact> out = new ArrayList<>(manyGeneEdges(20));
        out.add(METFORMIN_T2DM);
        out.add(METFORMIN_PCOS);
        SubgraphSampler sampler = new SubgraphSampler(all().withCaps(5, 3, 5));

        Subgraph star = only(sampler.sample(new EntityGraph("hetionet:Compound::DB00331", out, List.of())), Scale.STAR);

        assertThat(star.facts()).hasSize(5);
        assertThat(star.facts().stream().filter(f -> f.relation().equals("CbG"))).hasSizeLessThanOrEqualTo(3);
        assertThat(star).isEqualTo(only(sampler.sample(new EntityGraph("hetionet:Compound::DB00331", out, List.of())), Scale.STAR));
    }

    @Test
    void givenStarWithTreatsAndBinds_whenSampled_thenTreatsLeadsTheParagraph() {
        SubgraphSampler sampler = new SubgraphSampler(all());
        Subgraph star = only(sampler.sample(new EntityGraph("hetionet:Compound::DB00331",
                List.of(METFORMIN_SLC22A3, METFORMIN_T2DM, METFORMIN_NDUFB3, METFORMIN_PCOS), List.of())), Scale.STAR);

        assertThat(new KgTextRewriter().toCorpus(star).corpus().getText())
                .isEqualTo("Metformin treats polycystic ovary syndrome and type 2 diabetes mellitus. "
                        + "It binds the proteins encoded by NDUFB3 and SLC22A3.");
    }

    @Test
    void givenMiddleEntityWithInAndOutEdges_whenPathsSampled_thenChainsThroughItWithoutLoops() {
        Fact backToMetformin = hetionet("Disease::DOID:9352", "type 2 diabetes mellitus", "Disease", "DrD",
                "Compound::DB00331", "Metformin", "Compound");
        EntityGraph g = new EntityGraph(T2DM, List.of(T2DM_FLUSHING, backToMetformin),
                List.of(METFORMIN_T2DM, GLIMEPIRIDE_T2DM));
        SubgraphSampler sampler = new SubgraphSampler(all().withScales(EnumSet.of(Scale.PATH)));

        List<Subgraph> paths = sampler.sample(g);
        List<String> texts = paths.stream().map(p -> new KgTextRewriter().toCorpus(p).corpus().getText()).sorted().toList();

        assertThat(texts).containsExactly(
                "Glimepiride treats type 2 diabetes mellitus, which presents with flushing.",
                "Glimepiride treats type 2 diabetes mellitus, which resembles Metformin.",
                "Metformin treats type 2 diabetes mellitus, which presents with flushing.");
        assertThat(paths).allMatch(p -> p.id().startsWith("kg-path:#"));
    }

    @Test
    void givenManyPaths_whenCapped_thenAtMostMaxPathsPerEntityAndAddingAPathKeepsMostOfThem() {
        List<Fact> in = IntStream.range(0, 10).mapToObj(i -> hetionet("Compound::DB" + i, "Drug" + i, "Compound", "CtD",
                "Disease::DOID:9352", "type 2 diabetes mellitus", "Disease")).toList();
        List<Fact> out = IntStream.range(0, 10).mapToObj(i -> hetionet("Disease::DOID:9352", "type 2 diabetes mellitus",
                "Disease", "DpS", "Symptom::S" + i, "Symptom" + i, "Symptom")).toList();
        SubgraphSampler sampler = new SubgraphSampler(all().withScales(EnumSet.of(Scale.PATH)).withCaps(24, 8, 5));

        List<Subgraph> before = sampler.sample(new EntityGraph(T2DM, out, in));
        List<Fact> moreIn = new ArrayList<>(in);
        moreIn.add(GLIMEPIRIDE_T2DM);
        List<Subgraph> after = sampler.sample(new EntityGraph(T2DM, out, moreIn));

        assertThat(before).hasSize(5);
        assertThat(after).hasSize(5);
        // The new in-edge adds 10 candidates; the smallest-hash rule means at most those can displace old ones.
        long kept = before.stream().filter(after::contains).count();
        long displacedByNew = after.stream().filter(p -> p.facts().get(0).equals(GLIMEPIRIDE_T2DM)).count();
        assertThat(kept + displacedByNew).isEqualTo(5);
    }

    private static Subgraph only(List<Subgraph> gs, Scale scale) {
        List<Subgraph> l = gs.stream().filter(g -> g.scale() == scale).toList();
        assertThat(l).hasSize(1);
        return l.get(0);
    }

    private static Set<String> idsOf(List<Subgraph> gs, Scale scale) {
        return gs.stream().filter(g -> g.scale() == scale).map(Subgraph::id).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void givenHubWithManyInAndOutEdges_whenPathsSampled_thenOnlyTheFanoutCapIsConsideredAndResultIsStable() {
        List<Fact> in = IntStream.range(0, 40).mapToObj(i -> hetionet("Compound::DB" + i, "Drug" + i, "Compound", "CtD",
                "Disease::DOID:9352", "type 2 diabetes mellitus", "Disease")).toList();
        List<Fact> out = IntStream.range(0, 40).mapToObj(i -> hetionet("Disease::DOID:9352", "type 2 diabetes mellitus",
                "Disease", "DpS", "Symptom::S" + i, "Symptom" + i, "Symptom")).toList();
        SubgraphSampler sampler = new SubgraphSampler(all().withScales(EnumSet.of(Scale.PATH)).withCaps(24, 8, 1000)
                .withPathFanout(4));

        List<Subgraph> paths = sampler.paths(T2DM, in, out);

        assertThat(paths).hasSize(16);
        assertThat(paths.stream().map(p -> p.facts().get(0)).distinct()).hasSize(4);
        assertThat(paths.stream().map(p -> p.facts().get(1)).distinct()).hasSize(4);
        assertThat(sampler.paths(T2DM, reversed(in), reversed(out))).isEqualTo(paths);
    }

    private static List<Fact> reversed(List<Fact> facts) {
        List<Fact> r = new ArrayList<>(facts);
        Collections.reverse(r);
        return r;
    }
}
