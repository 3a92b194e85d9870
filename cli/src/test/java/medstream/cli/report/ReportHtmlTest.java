package medstream.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
    @Test
    void givenMarkupAndQuotesInData_whenEscaped_thenNoneSurvivesAsMarkup() {
        assertThat(Html.escape("<script>alert('x') & \"y\"</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void givenAnAttributeValueWithAQuote_whenOpened_thenTheValueStaysInsideItsAttribute() {
        String html = new Html().open("a", "href", "x\" onclick=\"evil()").close("a").toString();

        assertThat(html).isEqualTo("<a href=\"x&quot; onclick=&quot;evil()\"></a>\n");
    }

    @Test
    void givenAnOddNumberOfAttributeParts_whenOpened_thenItSaysTheyComeInPairs() {
        assertThatThrownBy(() -> new Html().open("a", "href")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
    }

    @Test
    void givenATableOfNamesAndNumbers_whenWritten_thenNumbersAreRightAlignedAndTextEscaped() {
        String html = new Html().table(List.of("name", "n"), List.of(List.of("<b>", "1,234"), List.of("a", "12.5 %"))).toString();

        assertThat(html).contains("<th>name</th>", "<td class=\"txt word\">&lt;b&gt;</td>", "<td class=\"num\">1,234</td>",
                "<td class=\"num\">12.5 %</td>");
    }

    @Test
    void givenNumbers_whenFormatted_thenTheyUseTheRootLocaleAndADashForMissing() {
        assertThat(Fmt.count(1234567)).isEqualTo("1,234,567");
        assertThat(Fmt.num(0.54321, 3)).isEqualTo("0.543");
        assertThat(Fmt.num(Double.NaN, 3)).isEqualTo("–");
        assertThat(Fmt.percent(0.125)).isEqualTo("12.5 %");
        assertThat(Fmt.tickLabel(25_000, 5_000)).isEqualTo("25k");
        assertThat(Fmt.tickLabel(0.30000000000000004, 0.1)).isEqualTo("0.3");
    }
}
