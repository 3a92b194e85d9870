package medstream.cleaning.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import medstream.cleaning.text.Normaliser;

class PiiScrubberTest {

    private final PiiScrubber scrubber = new PiiScrubber();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Contact jane.doe@example.org for results. | Contact [EMAIL] for results. | EMAIL",
            "Call (617) 555-0142 or 617.555.0199. | Call [PHONE] or [PHONE]. | PHONE",
            "Tel: +1 617 555 0142 ext. 204 | Tel: [PHONE] | PHONE",
            "手机13812345678,座机010-62345678。 | 手机[PHONE],座机[PHONE]。 | PHONE",
            "联系电话: +86 139 1234 5678 | 联系电话: [PHONE] | PHONE",
            "SSN 123-45-6789 on file | SSN [SSN] on file | SSN",
            "身份证号:11010519491231002X | 身份证号:[SSN] | SSN",
            "MRN: 00123456. | MRN: [MRN]. | MRN",
            "住院号:20230456,病历号 A1234567 | 住院号:[MRN],病历号 [MRN] | MRN",
            "See https://portal.example.org/r?id=8834&t=ab12. | See [URL]. | URL",
            "Lives at 42 Maple Street, Springfield, IL 62704 now. | Lives at [ADDRESS] now. | ADDRESS",
            "住址:浙江省杭州市西湖区文三路138号3栋2单元501室 | 住址:[ADDRESS] | ADDRESS",
            "患者现居于上海市浦东新区张江路88号。 | 患者现居于[ADDRESS]。 | ADDRESS",
            "DOB: 03/14/1956. | DOB: [DOB]. | DOB",
            "Date of birth: March 14, 1956 | Date of birth: [DOB] | DOB",
            "出生日期:1956年3月14日 | 出生日期:[DOB] | DOB"})
    void givenAnIdentifier_whenScrubbed_thenItIsReplacedByItsTypedPlaceholder(String text, String expected,
                                                                               PiiType type) {
        ScrubResult r = scrubber.scrub(Normaliser.normalise(text));
        assertThat(r.text()).isEqualTo(expected);
        assertThat(r.counts()).containsKey(type).hasSize(1);
    }

    @Test
    void givenClinicalNumbersThatAreNotIdentifiers_whenScrubbed_thenNothingChanges() {
        List<String> decoys = List.of(
                "Metformin 500 mg twice daily; lisinopril 10 mg daily.",
                "BP 132/84 mmHg, HR 72, HbA1c 7.2%, WBC 11.2 x10^9/L, platelets 250,000 /uL.",
                "Type 2 diabetes (ICD-10 E11.9) and hypertension (I10) since 2015.",
                "See PMID: 31234567 and NCT01234567; NDC 50242-040-62.",
                "Follow-up at 10:30; the 2015-2019 cohort.",
                "Guideline: https://www.example.org/guidelines/diabetes.",
                "血压135/85mmHg,空腹血糖7.8mmol/L,二甲双胍500mg每日两次,2018年行PCI术,3号床。");
        for (String decoy : decoys) {
            String normalised = Normaliser.normalise(decoy);
            assertThat(scrubber.scrub(normalised).text()).as(decoy).isEqualTo(normalised);
        }
    }

    @Test
    void givenSeveralIdentifiers_whenScrubbed_thenCountsAreByType() {
        ScrubResult r = scrubber.scrub("MRN: 1234567. Phone 617-555-0100, alt 617-555-0101. Email a@b.example.com");
        assertThat(r.counts()).containsEntry(PiiType.MRN, 1).containsEntry(PiiType.PHONE, 2)
                .containsEntry(PiiType.EMAIL, 1);
        assertThat(r.total()).isEqualTo(4);
    }

    // The real-data false-positive check lives in PiiRealDataTest (rates per 1,000 documents, by kind).

    @Test
    void givenSurrogateMode_whenTheSameDocumentIsScrubbedTwice_thenTheFakesAreTheSameAndConsistentWithin() {
        PiiScrubber surrogates = new PiiScrubber(PiiScrubber.Mode.SURROGATE);
        String text = "Mrs. Maria Garcia was admitted on 03/14/2021 and discharged on 03/20/2021. "
                + "Mrs. Maria Garcia is a 93-year-old widow seen at St. Mary's Hospital.";

        String first = surrogates.scrub(text, "doc-7").text();
        String again = surrogates.scrub(text, "doc-7").text();
        String other = surrogates.scrub(text, "doc-8").text();

        assertThat(first).isEqualTo(again).doesNotContain("Garcia", "03/14/2021", "93", "St. Mary's")
                .doesNotContain("[NAME]", "[DATE]");
        assertThat(other).isNotEqualTo(first);
        String fakeName = first.substring("Mrs. ".length(), first.indexOf(" was admitted"));
        assertThat(first).containsOnlyOnce("Mrs. " + fakeName + " was").contains("Mrs. " + fakeName + " is a 90-year");
    }

    @Test
    void givenSurrogateMode_whenDatesAreShifted_thenTheIntervalBetweenThemStays() {
        String out = new PiiScrubber(PiiScrubber.Mode.SURROGATE)
                .scrub("Admitted on 2021-03-14, discharged on 2021-03-20.", "doc-1").text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(out);
        List<java.time.LocalDate> dates = new java.util.ArrayList<>();
        while (m.find()) {
            dates.add(java.time.LocalDate.parse(m.group()));
        }
        assertThat(dates).hasSize(2).doesNotContain(java.time.LocalDate.of(2021, 3, 14));
        assertThat(java.time.temporal.ChronoUnit.DAYS.between(dates.get(0), dates.get(1))).isEqualTo(6);
    }
}
