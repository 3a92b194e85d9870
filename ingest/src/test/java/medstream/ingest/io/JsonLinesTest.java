package medstream.ingest.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import medstream.contracts.QaPair;
import medstream.ingest.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path dir;

    private static List<Entry> parse(com.fasterxml.jackson.databind.JsonNode n, medstream.ingest.Origin o) throws Exception {
        QaPair qa = QaPair.newBuilder().setId(Json.text(n, "id")).setSource("t").setQuestion(Json.text(n, "q"))
                .setAnswer(Json.text(n, "a")).build();
        return List.of(new Entry.Produce(o, "t:" + qa.getId(), qa));
    }

    @Test
    void givenALineWithBytesThatAreNotUtf8_whenRead_thenThatLineIsAnInvalidUtf8FailureAndTheLinesAroundItAreRecords()
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"id\": \"1\", \"q\": \"one?\", \"a\": \"yes\"}\n".getBytes(StandardCharsets.UTF_8));
        // 0xC3 0x28: a two-byte lead followed by a byte that cannot continue it.
        bytes.writeBytes("{\"id\": \"2\", \"q\": \"two".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, 0x28});
        bytes.writeBytes("?\", \"a\": \"no\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"id\": \"3\", \"q\": \"th\uFFFDree?\", \"a\": \"maybe\"}\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("x.jsonl");
        Files.write(file, bytes.toByteArray());

        List<Entry> entries;
        try (Stream<Entry> s = JsonLines.read(dir, file, JsonLinesTest::parse)) {
            entries = s.toList();
        }

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0)).isInstanceOf(Entry.Produce.class);
        Entry.Failure failure = (Entry.Failure) entries.get(1);
        assertThat(failure.errorClass()).isEqualTo(Guard.NOT_UTF8_CLASS);
        assertThat(failure.origin().line()).isEqualTo(2);
        assertThat(failure.description()).contains("x.jsonl:2", "expected UTF-8");
        assertThat(entries.get(2)).as("a replacement character the data really holds is text, not an error")
                .isInstanceOf(Entry.Produce.class);
    }
}
