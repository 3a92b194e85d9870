package medstream.knowledge.kg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityNamesTest {
    @Test
    void givenMeshHeadings_whenDisplayed_thenInvertedAndLowerCasedButAcronymsKept() {
        assertThat(EntityNames.display("Symptom::D000006", "Abdomen, Acute", "Symptom")).isEqualTo("acute abdomen");
        assertThat(EntityNames.display("Symptom::D054058", "Acute Coronary Syndrome", "Symptom")).isEqualTo("acute coronary syndrome");
        assertThat(EntityNames.display("Symptom::X", "HIV Wasting Syndrome", "Symptom")).isEqualTo("HIV wasting syndrome");
        assertThat(EntityNames.display("Pharmacologic Class::N0000000069", "Calcium Channel Antagonists",
                "Pharmacologic Class")).isEqualTo("calcium channel antagonists");
    }

    @Test
    void givenNoName_whenDisplayed_thenLocalPartOfHetionetIdOrIdItself() {
        assertThat(EntityNames.display("Compound::DB00331", null, "Compound")).isEqualTo("DB00331");
        assertThat(EntityNames.display("DOID:8736", " ", "Disease")).isEqualTo("DOID:8736");
        assertThat(EntityNames.display("Gene::4709", "NDUFB3", "Gene")).isEqualTo("NDUFB3");
    }
}
