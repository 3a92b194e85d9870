package medstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOutputTest {
    private static Map<String, Object> result() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passthrough_rps", 4210.55);
        m.put("ratio", 0.6123);
        m.put("stage_us_per_doc", new LinkedHashMap<>(Map.of("normalize", 12.5)));
        m.put("runs", List.of(1.0, 2.5));
        m.put("device", "cpu");
        return m;
    }

    private static String printed(boolean json) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        BenchOutput.print(result(), json, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void givenJson_whenPrinted_thenStdoutHoldsExactlyOneJsonObjectThatParsesBackToTheResult() {
        String out = printed(true);

        assertThat(out.lines()).hasSize(1);
        assertThat(BenchOutput.fromJson(out)).isEqualTo(result());
    }

    @Test
    void givenATable_whenPrinted_thenNestedFiguresAreFlattenedAndNumbersRounded() {
        String out = printed(false);

        assertThat(out.lines()).hasSize(2 + 5);
        assertThat(out).contains("| passthrough_rps ").contains("| 4210.6 |")
                .contains("| ratio ").contains("| 0.612 |")
                .contains("| stage_us_per_doc.normalize | 12.5 |")
                .contains("| [1.000, 2.500] |")
                .contains("| cpu |");
    }

    @Test
    void givenCodeThatPrintsToStdout_whenRunUnderTheGuard_thenItsOutputGoesToStderrAndStdoutIsRestored() {
        PrintStream before = System.out;
        PrintStream[] seen = new PrintStream[1];

        String r = BenchOutput.withStdoutOnStderr(() -> {
            seen[0] = System.out;
            return "done";
        });

        assertThat(r).isEqualTo("done");
        assertThat(seen[0]).isSameAs(System.err);
        assertThat(System.out).isSameAs(before);
    }
}
