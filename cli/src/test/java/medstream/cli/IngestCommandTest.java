package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import medstream.cli.pipeline.IngestModuleIngester;
import org.junit.jupiter.api.Test;

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
}
