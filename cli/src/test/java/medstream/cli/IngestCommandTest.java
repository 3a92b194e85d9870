package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import medstream.cli.pipeline.DataSetIngester;
import medstream.cli.pipeline.IngestModuleIngester;
import medstream.cli.pipeline.RunContext;
import medstream.cli.pipeline.RunSummary;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

    @Test
    void givenAll_whenSelectingSources_thenEverySharedDataSetAndNotGeneric() {
        IngestModuleIngester ingester = new IngestModuleIngester();

        List<String> selected = IngestCommand.selected(List.of("all"), ingester);

        assertThat(selected).isEqualTo(ingester.sharedSources()).doesNotContain("generic").contains("medquad", "hetionet");
        assertThat(ingester.sources()).contains("generic");
    }

    @Test
    void givenNamedSources_whenSelecting_thenExactlyThose() {
        assertThat(IngestCommand.selected(List.of("generic"), new IngestModuleIngester())).containsExactly("generic");
    }

    /** Knows data sets "kept" and "absent" (shared) and "generic" (a path of the user's); records what it ingested. */
    private static final class RecordingIngester implements DataSetIngester {
        final List<String> ingested = new ArrayList<>();

        @Override public List<String> sources() { return List.of("kept", "absent", "generic"); }
        @Override public List<String> sharedSources() { return List.of("kept", "absent"); }
        @Override public String describe(String source) { return source; }

        @Override
        public Map<String, Object> ingest(String source, Path path, RunContext ctx) {
            ingested.add(source);
            return Map.of("records", 1);
        }
    }

    private static RunContext context(Path dataDir, RunSummary summary, ByteArrayOutputStream console) {
        return new RunContext(TopicCatalog.withRegistry("mock://ingest-command-test"), "127.0.0.1:1", "mock://ingest-command-test",
                Map.of(), Settings.of(Map.of()), dataDir, dataDir.resolve("out"), OptionalInt.empty(), summary,
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void givenAllAndADataDirectoryHoldingOneOfTwoSharedDataSets_whenRun_thenThatOneIsIngestedAndTheOtherSkippedWithWhereItWasLookedFor(
            @TempDir Path data) throws Exception {
        Files.createDirectories(data.resolve("kept"));
        RecordingIngester ingester = new RecordingIngester();
        RunSummary summary = new RunSummary();
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        IngestCommand.step(List.of("all"), null, ingester).run(context(data, summary, console));

        assertThat(ingester.ingested).containsExactly("kept");
        assertThat(summary.section("ingest")).containsEntry("absent", Map.of("skipped", "not found at " + data.resolve("absent")));
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("absent skipped: not found at " + data.resolve("absent"));
    }

    @Test
    void givenAllAndADataDirectoryWithoutAnySharedDataSet_whenRun_thenItFailsNamingTheDirectory(@TempDir Path data) {
        RecordingIngester ingester = new RecordingIngester();

        assertThatThrownBy(() -> IngestCommand.step(List.of("all"), null, ingester)
                .run(context(data, new RunSummary(), new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(data.toString());
        assertThat(ingester.ingested).isEmpty();
    }

    @Test
    void givenANamedDataSetThatIsMissing_whenRun_thenItFailsAsBefore(@TempDir Path data) {
        assertThatThrownBy(() -> IngestCommand.step(List.of("absent"), null, new RecordingIngester())
                .run(context(data, new RunSummary(), new ByteArrayOutputStream())))
                .hasMessageContaining("Data set absent not found at " + data.resolve("absent"));
    }
}
