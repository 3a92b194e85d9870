package medstream.ingest.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import medstream.contracts.QaPair;
import medstream.ingest.Entry;
import medstream.ingest.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonEntriesTest {
    @TempDir
    Path dir;

    private static List<Entry> parse(String key, com.fasterxml.jackson.databind.JsonNode n, medstream.ingest.Origin o)
            throws Exception {
        QaPair qa = QaPair.newBuilder().setId(key).setSource("t").setQuestion(Json.text(n, "q"))
                .setAnswer(Json.text(n, "a")).build();
        return List.of(new Entry.Produce(o, "t:" + key, qa));
    }

    @Test
    void givenObjectKeyedById_whenRead_thenEachEntryHasItsKeyAndStartLine_andABadEntryIsAFailureOnly()
            throws Exception {
        Path f = Fixtures.write(dir, "set/x.json", "{",
                "  \"11\": {\"q\": \"one?\", \"a\": \"yes\"},",
                "  \"12\": {\"q\": \"two?\"},",
                "  \"13\": {",
                "     \"q\": \"three?\", \"a\": \"no\"}",
                "}");
        List<Entry> entries;
        try (Stream<Entry> s = JsonEntries.read(dir.resolve("set"), f, JsonEntriesTest::parse)) {
            entries = s.toList();
        }
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0)).isInstanceOf(Entry.Produce.class);
        assertThat(((Entry.Produce) entries.get(0)).key()).isEqualTo("t:11");
        Entry.Failure bad = (Entry.Failure) entries.get(1);
        assertThat(bad.origin().file()).isEqualTo("set/x.json");
        assertThat(bad.origin().line()).isEqualTo(3);
        assertThat(bad.description()).contains("'a'");
        assertThat(new String(bad.raw(), java.nio.charset.StandardCharsets.UTF_8)).contains("two?");
        assertThat(entries.get(2).origin().line()).isEqualTo(4);
    }

    @Test
    void givenSyntaxErrorInArray_whenRead_thenEarlierEntriesSurviveAndOneFailureNamesTheLine() throws Exception {
        Path f = Fixtures.write(dir, "set/y.json", "[",
                "{\"q\": \"one?\", \"a\": \"yes\"},",
                "{\"q\": \"two?\" \"a\": \"no\"},",
                "{\"q\": \"three?\", \"a\": \"no\"}",
                "]");
        List<Entry> entries;
        try (Stream<Entry> s = JsonEntries.read(dir.resolve("set"), f, JsonEntriesTest::parse)) {
            entries = s.toList();
        }
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isInstanceOf(Entry.Produce.class);
        assertThat(entries.get(1)).isInstanceOf(Entry.Failure.class);
        assertThat(entries.get(1).origin().line()).isEqualTo(3);
    }
}
