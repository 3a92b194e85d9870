package medstream.ingest.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.ingest.Fixtures;
import org.junit.jupiter.api.Test;

class TarReaderTest {
    @Test
    void givenGitArchiveStyleTar_whenRead_thenRegularFilesComeBackWithNamesAndContent() throws Exception {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("MedQuAD/1_A/one.xml", "<a/>");
        members.put("MedQuAD/2_B/two.xml", "x".repeat(700));
        String longName = "MedQuAD/" + "d".repeat(60) + "/" + "f".repeat(60) + ".xml";
        members.put(longName, "long");
        List<TarReader.Member> got = new ArrayList<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(Fixtures.tar(members)))) {
            r.forEachRemaining(got::add);
        }
        assertThat(got).extracting(TarReader.Member::name)
                .containsExactly("MedQuAD/1_A/one.xml", "MedQuAD/2_B/two.xml", longName);
        assertThat(new String(got.get(1).content(), StandardCharsets.UTF_8)).hasSize(700);
        assertThat(new String(got.get(2).content(), StandardCharsets.UTF_8)).isEqualTo("long");
    }

    @Test
    void givenBytesThatAreNotTar_whenRead_thenTheErrorSaysSo() {
        byte[] junk = "this is not a tar archive".repeat(40).getBytes(StandardCharsets.UTF_8);
        TarReader r = new TarReader(new ByteArrayInputStream(junk));
        assertThatThrownBy(r::hasNext).isInstanceOf(UncheckedIOException.class).hasMessageContaining("checksum");
    }
}
