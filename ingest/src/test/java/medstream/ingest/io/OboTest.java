package medstream.ingest.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import medstream.ingest.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OboTest {
    @TempDir
    Path dir;

    @Test
    void givenTermsAndATypedef_whenRead_thenTermsCarryIdNameUnescapedDefAndObsoleteFlag() throws Exception {
        Path f = Fixtures.write(dir, "t.obo.gz",
                "format-version: 1.2",
                "data-version: test/2024-01-01",
                "",
                "[Term]",
                "id: DOID:1",
                "name: first disease",
                "def: \"A disease called \\\"first\\\" by its finders.\" [url:https\\://example.org]",
                "is_a: DOID:4 ! disease",
                "",
                "[Typedef]",
                "id: has_symptom",
                "name: has symptom",
                "",
                "[Term]",
                "id: DOID:2",
                "name: old name",
                "is_obsolete: true",
                "",
                "[Term]",
                "id: DOID:3",
                "def: \"never closed [x]");
        List<Obo.Term> terms;
        try (Stream<Obo.Term> s = Obo.terms(f)) {
            terms = s.toList();
        }
        assertThat(Obo.dataVersion(f)).isEqualTo("test/2024-01-01");
        assertThat(terms).extracting(Obo.Term::id).containsExactly("DOID:1", "DOID:2", "DOID:3");
        assertThat(terms.get(0).def()).isEqualTo("A disease called \"first\" by its finders.");
        assertThat(terms.get(0).line()).isEqualTo(4);
        assertThat(terms.get(0).obsolete()).isFalse();
        assertThat(terms.get(1).obsolete()).isTrue();
        assertThat(terms.get(1).def()).isNull();
        assertThat(terms.get(2).error()).contains("no closing quote");
    }
}
