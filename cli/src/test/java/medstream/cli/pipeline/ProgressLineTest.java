package medstream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void givenAKnownTotal_whenHalfDone_thenTheLineShowsCountTotalRateAndEta() {
        ProgressLine progress = new ProgressLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "medqa", 2000);
        progress.add(1000);

        String line = progress.line(System.nanoTime());

        assertThat(line).contains("medqa: 1,000/2,000").contains("/s").contains("ETA");
        assertThat(progress.count()).isEqualTo(1000);
    }

    @Test
    void givenNoTotal_whenDone_thenTheFinalLineHasNoEtaAndSaysDone() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressLine progress = new ProgressLine(new PrintStream(buf, true, StandardCharsets.UTF_8), "hetionet", -1);
        progress.add(7);
        progress.done();

        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("hetionet: 7 (").doesNotContain("ETA").contains("done");
    }
}
