package medstream.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import medstream.contracts.KgTriplet;
import medstream.ingest.Fixtures;
import medstream.ingest.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HetionetAdapterTest {
    @TempDir
    Path data;

    private Path hetionet() throws Exception {
        Path dir = data.resolve("hetionet");
        Fixtures.write(dir, "metaedges.tsv", "metaedge\tabbreviation\tedges\tsource_nodes\ttarget_nodes\tunbiased",
                "Compound - treats - Disease\tCtD\t755\t387\t77\t0",
                "Gene > regulates > Gene\tGr>G\t265672\t4634\t7048\t265672");
        Fixtures.writeWithEol(dir, "hetionet-v1.0-nodes.tsv.gz", "\r\n", "id\tname\tkind",
                "Compound::DB00001\tExamplemab\tCompound",
                "Disease::DOID:0001\texample disease\tDisease",
                "Gene::1\tGENE1\tGene",
                "Gene::2\tGENE2\tGene");
        Fixtures.writeWithEol(dir, "hetionet-v1.0-edges-sample.sif.gz", "\r\n", "source\tmetaedge\ttarget",
                "Compound::DB00001\tCtD\tDisease::DOID:0001",
                "Gene::1\tGr>G\tGene::2",
                "Gene::1\tXyZ\tGene::2",
                "Gene::1\tGr>G\tGene::99");
        return dir;
    }

    @Test
    void givenCrlfFiles_whenRead_thenEdgesBecomeTripletsWithNamesKindsAndVerbs() throws Exception {
        Tally t = Tally.of(new HetionetAdapter(), hetionet());

        KgTriplet treats = t.records(KgTriplet.class).get(0);
        assertThat(treats.getSubject()).isEqualTo("Compound::DB00001");
        assertThat(treats.getSubjectName()).isEqualTo("Examplemab");
        assertThat(treats.getSubjectType()).isEqualTo("Compound");
        assertThat(treats.getRelation()).isEqualTo("treats");
        assertThat(treats.getObjectName()).isEqualTo("example disease");
        assertThat(treats.getObjectType()).isEqualTo("Disease");
        assertThat(treats.getLanguage()).isEqualTo("en");
        assertThat(t.records(KgTriplet.class).get(1).getRelation()).isEqualTo("regulates");
        assertThat(t.keys).containsExactlyInAnyOrder("KgTriplet|hetionet:Compound::DB00001|CtD|Disease::DOID:0001",
                "KgTriplet|hetionet:Gene::1|Gr>G|Gene::2");
    }

    @Test
    void givenUnknownMetaedgeOrNode_whenRead_thenEachIsADeadLetterWithItsLine() throws Exception {
        Tally t = Tally.of(new HetionetAdapter(), hetionet());

        assertThat(t.failures).hasSize(2);
        assertThat(t.failures.get(0).origin().line()).isEqualTo(4);
        assertThat(t.failures.get(0).description()).contains("metaedge 'XyZ'");
        assertThat(t.failures.get(1).origin().line()).isEqualTo(5);
        assertThat(t.failures.get(1).description()).contains("Gene::99");
        assertThat(t.failures.get(1).origin().file()).isEqualTo("hetionet/hetionet-v1.0-edges-sample.sif.gz");
    }
}
