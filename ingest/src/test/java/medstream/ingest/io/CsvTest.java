package medstream.ingest.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import medstream.ingest.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void givenQuotedFieldsWithCommasQuotesAndLineBreaks_whenRead_thenFieldsAreUnquotedAndRowsKeepTheirFirstLine()
            throws Exception {
        Path f = Fixtures.write(dir, "x.csv",
                "Which nerve?,optic,\"facial, VII\",vagus,none,B",
                "\"A patient says \"\"ouch\"\".",
                "What now?\",rest,ice,heat,\"wait\",A",
                "plain,a,b,c,d,C");
        List<Csv.Row> rows;
        try (Stream<Csv.Row> s = Csv.read(f)) {
            rows = s.toList();
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).fields()).containsExactly("Which nerve?", "optic", "facial, VII", "vagus", "none", "B");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).fields().get(0)).isEqualTo("A patient says \"ouch\".\nWhat now?");
        assertThat(rows.get(1).fields()).hasSize(6);
        assertThat(rows.get(2).line()).isEqualTo(4);
        assertThat(rows).allSatisfy(r -> assertThat(r.error()).isNull());
    }

    @Test
    void givenUnterminatedQuote_whenRead_thenTheRowCarriesAnError() throws Exception {
        Path f = Fixtures.write(dir, "bad.csv", "ok,a,b,c,d,A", "\"never closed,a,b,c,d,A");
        List<Csv.Row> rows;
        try (Stream<Csv.Row> s = Csv.read(f)) {
            rows = s.toList();
        }
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).error()).contains("unterminated");
        assertThat(rows.get(1).line()).isEqualTo(2);
    }
}
