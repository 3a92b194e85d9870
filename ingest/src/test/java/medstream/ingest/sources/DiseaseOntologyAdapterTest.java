package medstream.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import medstream.contracts.KgTriplet;
import medstream.contracts.RawDocument;
import medstream.ingest.Entry;
import medstream.ingest.Fixtures;
import medstream.ingest.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiseaseOntologyAdapterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private Path ontology(boolean with2016) throws Exception {
        Path dir = data.resolve("disease-ontology");
        Fixtures.write(dir, "HumanDO.tsv", "id\tlabel\tsubClassOf",
                "\"DOID:10\"\t\"viral infection\"\t\"disease\"",
                "\"DOID:11\"\t\"example fever\"\t\"viral infection\"",
                "\"DOID:12\"\t\"broken row\"");
        Fixtures.write(dir, "disease-symptom.tsv", "disease_id\tdisease_label\tsymptom_id\tsymptom_label",
                "DOID:11\texample fever\tSYMP:1\tfever");
        Fixtures.write(dir, "DO-subClassOf-anonymous.tsv", "ID\tLABEL\tSubClass Of [ANON]",
                "DOID:11\texample fever\t'has symptom' some fever|'has symptom' some rash"
                        + "|'transmitted by' some ('Aedes aegypti' or 'Aedes albopictus')",
                "DOID:10\tviral infection\t'has material basis in' some virus|'has allergic trigger' some N,N'-dimethylurea",
                "DOID:13\tbad\t'has symptom' some ('unclosed' or");
        Fixtures.write(dir, "DO_rare_slim.obo", "format-version: 1.2", "data-version: doid/releases/2026-07-31", "",
                "[Term]", "id: DOID:11", "name: example fever",
                "def: \"A viral infection that has_symptom fever.\" [url:https\\://example.org]", "",
                "[Term]", "id: DOID:10", "name: viral infection", "",
                "[Term]", "id: DOID:14", "name: gone", "def: \"An old term.\" []", "is_obsolete: true");
        if (with2016) {
            Fixtures.write(dir, "doid-2016-08-16.obo.gz", "format-version: 1.2", "data-version: releases/2016-08-12", "",
                    "[Term]", "id: DOID:11", "name: example fever",
                    "def: \"An older wording of the definition.\" []", "",
                    "[Term]", "id: DOID:15", "name: older disease", "def: \"A disease the slim lacks.\" []");
        }
        return dir;
    }

    @Test
    void givenHumanDo_whenRead_thenIsAParentsAreResolvedToDoidsWhereTheLabelIsKnown() throws Exception {
        Tally t = Tally.of(new DiseaseOntologyAdapter(CLOCK), ontology(false));

        List<KgTriplet> isA = t.records(KgTriplet.class).stream().filter(k -> k.getRelation().equals("is_a")).toList();
        assertThat(isA).extracting(KgTriplet::getSubject, KgTriplet::getObject, KgTriplet::getObjectName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DOID:10", "disease", "disease"),
                        org.assertj.core.groups.Tuple.tuple("DOID:11", "DOID:10", "viral infection"));
        assertThat(isA.get(1).getSubjectName()).isEqualTo("example fever");
    }

    @Test
    void givenRestrictions_whenRead_thenEachFillerIsATripletAndSymptomFactsAlreadyKnownAreSkippedAsDuplicates()
            throws Exception {
        Tally t = Tally.of(new DiseaseOntologyAdapter(CLOCK), ontology(false));

        assertThat(t.keys).contains(
                "KgTriplet|disease-ontology:DOID:11|has_symptom|SYMP:1",
                "KgTriplet|disease-ontology:DOID:11|has_symptom|rash",
                "KgTriplet|disease-ontology:DOID:11|transmitted_by|Aedes aegypti",
                "KgTriplet|disease-ontology:DOID:11|transmitted_by|Aedes albopictus",
                "KgTriplet|disease-ontology:DOID:10|has_material_basis_in|virus",
                "KgTriplet|disease-ontology:DOID:10|has_allergic_trigger|N,N'-dimethylurea");
        assertThat(t.skipped).containsEntry(Entry.SKIPPED_DUPLICATE, 1L);
        KgTriplet vector = t.records(KgTriplet.class).stream()
                .filter(k -> k.getRelation().equals("transmitted_by")).findFirst().orElseThrow();
        assertThat(vector.getObjectType()).isEqualTo("Organism");
    }

    @Test
    void givenMalformedRows_whenRead_thenEachIsADeadLetterAndTheOthersAreIngested() throws Exception {
        Tally t = Tally.of(new DiseaseOntologyAdapter(CLOCK), ontology(false));

        assertThat(t.failures).extracting(f -> f.origin().toString()).containsExactlyInAnyOrder(
                "disease-ontology/HumanDO.tsv:4", "disease-ontology/DO-subClassOf-anonymous.tsv:4");
    }

    @Test
    void givenOboFiles_whenRead_thenDefinitionsBecomeDocuments_and2016AddsOnlyTermsTheCurrentFileLacks()
            throws Exception {
        Tally t = Tally.of(new DiseaseOntologyAdapter(CLOCK), ontology(true));

        List<RawDocument> docs = t.records(RawDocument.class);
        assertThat(docs).extracting(RawDocument::getId)
                .containsExactly("disease-ontology:DOID:11", "disease-ontology:DOID:15");
        assertThat(docs.get(0).getKind()).isEqualTo("DEFINITION");
        assertThat(docs.get(0).getTitle()).isEqualTo("example fever");
        assertThat(docs.get(0).getBody()).isEqualTo("A viral infection that has_symptom fever.");
        assertThat(docs.get(0).getMetadata()).containsEntry("release", "doid/releases/2026-07-31");
        assertThat(docs.get(1).getMetadata()).containsEntry("release", "releases/2016-08-12");
        assertThat(t.skipped).containsEntry(DiseaseOntologyAdapter.SKIPPED_OBSOLETE, 1L)
                .containsEntry(Entry.SKIPPED_DUPLICATE, 2L);
    }
}
