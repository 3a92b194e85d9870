package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import medstream.cli.pipeline.IngestModuleIngester;
import medstream.topics.TopicCatalog;
import medstream.trainer.config.TrainerSettings;
import org.junit.jupiter.api.Test;

/** The README's tables are documentation people rely on: they must match the code. */
class ReadmeTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void givenTheTopicCatalog_whenReadingTheReadmeTopicTable_thenEveryRowMatchesTheCatalogInOrder() throws IOException {
        List<String> expected = TopicCatalog.withRegistry("mock://readme").all().stream()
                .map(t -> String.format(Locale.ROOT, "| `%s` | %d | %s | `%s` |", t.name(), t.partitions(),
                        t.cleanup().configValue(), t.valueType().getSimpleName()))
                .toList();

        assertThat(tableRows("topic-table")).containsExactlyElementsOf(expected);
    }

    @Test
    void givenTheIngester_whenReadingTheReadmeSourceTable_thenEverySourceHasARow() throws IOException {
        List<String> rows = tableRows("source-table");

        for (String source : new IngestModuleIngester().sources()) {
            assertThat(rows).as("README row for source " + source).anyMatch(r -> r.startsWith("| `" + source + "`"));
        }
    }

    @Test
    void givenTheSettings_whenReadingTheReadme_thenEveryKeyAndItsEnvironmentVariableAreDocumented() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);

        CliSettings.ALL.forEach(s -> assertThat(readme).contains("`" + s.key() + "`").contains("`" + s.envName() + "`"));
        TrainerSettings.ALL.forEach(s -> assertThat(readme).contains("`" + s.key() + "`").contains("`" + s.envName() + "`"));
    }

    /** The data rows of a table between {@code <!-- name -->} and {@code <!-- /name -->}. */
    private static List<String> tableRows(String name) throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = indexOf(lines, "<!-- " + name);
        int end = indexOf(lines, "<!-- /" + name);
        assertThat(start).as("README marker " + name).isNotNegative();
        return lines.subList(start + 1, end).stream().filter(l -> l.startsWith("| `")).toList();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        return -1;
    }
}
