package medstream.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import medstream.contracts.RawDocument;
import medstream.ingest.Fixtures;
import medstream.ingest.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericAdapterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    @Test
    void givenJsonl_whenRead_thenDocumentsTakeIdTitleTextOrBodyAndLanguage_andLinesWithoutTextAreDeadLetters()
            throws Exception {
        Path f = Fixtures.write(data, "books/notes.jsonl",
                "{\"id\": \"b1\", \"title\": \"Chapter 1\", \"text\": \"The heart pumps blood.\", \"language\": \"en\"}",
                "{\"body\": \"肝脏是人体重要的器官。\", \"kind\": \"book\", \"source\": \"textbook-zh\"}",
                "{\"title\": \"no text\"}");
        Tally t = Tally.of(new GenericAdapter(CLOCK), f);

        List<RawDocument> docs = t.records(RawDocument.class);
        assertThat(docs.get(0).getId()).isEqualTo("generic:b1");
        assertThat(docs.get(0).getKind()).isEqualTo("TEXT");
        assertThat(docs.get(0).getLanguage()).isEqualTo("en");
        assertThat(docs.get(1).getId()).matches("textbook-zh:[0-9a-f]{16}");
        assertThat(docs.get(1).getKind()).isEqualTo("BOOK");
        assertThat(docs.get(1).getLanguage()).isNull();
        assertThat(t.failures).singleElement().satisfies(f2 -> {
            assertThat(f2.origin().toString()).isEqualTo("books/notes.jsonl:3");
            assertThat(f2.description()).contains("'text' or 'body'");
        });
    }

    @Test
    void givenDirectoryOfTextFiles_whenRead_thenOneDocumentPerFile_andNonUtf8FilesAreDeadLetters() throws Exception {
        Path dir = data.resolve("texts");
        Fixtures.write(dir, "a/intro.txt", "Medicine is the science of healing.");
        Fixtures.write(dir, "b.txt", "Second file.");
        Fixtures.write(dir, "ignored.md", "not a txt file");
        Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Tally t = Tally.of(new GenericAdapter(CLOCK), dir);

        assertThat(t.records(RawDocument.class)).extracting(RawDocument::getId, RawDocument::getTitle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("generic:a/intro.txt", "intro"),
                        org.assertj.core.groups.Tuple.tuple("generic:b.txt", "b"));
        assertThat(t.failures).singleElement().satisfies(f -> {
            assertThat(f.errorClass()).isEqualTo("CharacterCodingException");
            assertThat(f.origin().file()).isEqualTo("texts/latin1.txt");
        });
    }
}
