package medstream.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import medstream.ingest.io.MalformedEntryException;
import medstream.ingest.sources.OwlRestrictions.Fact;
import org.junit.jupiter.api.Test;

class OwlRestrictionsTest {
    @Test
    void givenQuotedAndBareNames_whenParsed_thenRelationIsNormalisedAndFillerKept() throws Exception {
        assertThat(OwlRestrictions.parse("'has allergic trigger' some 'acetylsalicylic acid'"))
                .containsExactly(new Fact("has_allergic_trigger", "acetylsalicylic acid"));
        assertThat(OwlRestrictions.parse("'has allergic trigger' some benzylpenicillin"))
                .containsExactly(new Fact("has_allergic_trigger", "benzylpenicillin"));
    }

    @Test
    void givenDisjunctionsOfRestrictionsAndOfFillers_whenParsed_thenEveryFillerIsAFact() throws Exception {
        assertThat(OwlRestrictions.parse("('transmitted by' some Dermacentor) or ('transmitted by' some Ixodes)"))
                .containsExactly(new Fact("transmitted_by", "Dermacentor"), new Fact("transmitted_by", "Ixodes"));
        assertThat(OwlRestrictions.parse("'disease has location' some (brain or cornea or liver)"))
                .extracting(Fact::filler).containsExactly("brain", "cornea", "liver");
    }

    @Test
    void givenNamedClassInIntersectionAndNestedRestriction_whenParsed_thenOnlyTheDiseasesOwnFactsRemain()
            throws Exception {
        assertThat(OwlRestrictions.parse("'autoimmune disease' and ('disease has location' some 'musculoskeletal system')"))
                .containsExactly(new Fact("disease_has_location", "musculoskeletal system"));
        assertThat(OwlRestrictions.parse(
                "'has material basis in' exactly 1 (loss_of_function_variant and ('disease has location' exactly 1 gene))"))
                .containsExactly(new Fact("has_material_basis_in", "loss_of_function_variant"));
        assertThat(OwlRestrictions.parse("('derives from' some 'epithelial cell') and (has_origin some gland)"))
                .containsExactly(new Fact("derives_from", "epithelial cell"), new Fact("has_origin", "gland"));
    }

    @Test
    void givenChemicalNamesThatAreNotManchesterSyntax_whenParsed_thenTheWholeWordIsTheFiller() throws Exception {
        assertThat(OwlRestrictions.parse("'has allergic trigger' some (-)-carvone"))
                .containsExactly(new Fact("has_allergic_trigger", "(-)-carvone"));
        assertThat(OwlRestrictions.parse("'has allergic trigger' some diphenylmethane-4,4'-diisocyanate"))
                .containsExactly(new Fact("has_allergic_trigger", "diphenylmethane-4,4'-diisocyanate"));
    }

    @Test
    void givenUnbalancedOrUniversalExpressions_whenParsed_thenTheErrorSaysWhat() {
        assertThatThrownBy(() -> OwlRestrictions.parse("'has symptom' some ('a' or"))
                .isInstanceOf(MalformedEntryException.class).hasMessageContaining("ends too early");
        assertThatThrownBy(() -> OwlRestrictions.parse("'has symptom' only fever"))
                .isInstanceOf(MalformedEntryException.class).hasMessageContaining("not an existential");
    }
}
