package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Argument parsing and validation of {@code label} and {@code bench}: every bad value is a usage error (exit 2)
 * whose message names the option and what it expects, before any model is loaded or broker started.
 */
class CommandArgumentsTest {
    @TempDir
    static Path dir;

    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static String existingFile() throws Exception {
        Path f = dir.resolve("items.json");
        if (!Files.exists(f)) Files.writeString(f, "{}", StandardCharsets.UTF_8);
        return f.toString();
    }

    @ParameterizedTest(name = "bench {0}")
    @CsvSource(delimiter = ';', value = {
            "labeler --n 0;                  --n must be >= 1, got 0",
            "labeler --batch 0;              --batch must be >= 1, got 0",
            "labeler --rounds -1;            --rounds must be >= 1, got -1",
            "labeler --batch eight;          Invalid value for option '--batch'",
            "labeler --warmups -1;           --warmups must be >= 0, got -1",
            "labeler --threads 0;            --threads must be >= 1, got 0",
            "labeler --strategy ensemble;    --strategy 'ensemble': the benchmark compares voc, ppl or weak",
            "labeler --preset huge;          --preset 'huge': expected tiny, small, base or large",
            "labeler --model /no/such/model; --model /no/such/model is not a directory",
            "labeler --data /no/such/data;   The shared data directory /no/such/data does not exist",
            "trainer --records 0;            --records must be >= 1, got 0",
            "trainer --records 1001;         --records must be <= 1000",
            "trainer --repeats 0;            --repeats must be >= 1, got 0",
            "trainer --preset huge;          --preset 'huge': expected tiny, small, base or large",
            "cleaning --records 0;           --records must be >= 1, got 0",
            "cleaning --threads 0;           --threads must be >= 1, got 0",
            "cleaning --records many;        Invalid value for option '--records'",
            "cleaning --dedup-scaling --data /no/such/data; The shared data directory /no/such/data does not exist",
            "gpu;                            Unmatched argument at index 1: 'gpu'",
    })
    void givenABadBenchArgument_whenExecuted_thenItIsAUsageErrorNamingTheOption(String args, String message) {
        Outcome o = execute(("bench " + args.trim()).split(" "));

        assertThat(o.exitCode()).as(o.err()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(o.err()).contains(message.trim()).contains("Usage: medstream bench");
    }

    @Test
    void givenBenchWithoutAName_whenExecuted_thenItListsTheBenchmarksInsteadOfRunningOne() {
        Outcome o = execute("bench");

        assertThat(o.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(o.err()).contains("Name a benchmark: labeler, trainer, cleaning or decoder").contains("labeler")
                .contains("trainer").contains("cleaning").contains("decoder");
    }

    @Test
    void givenLabelWithoutItsRequiredOptions_whenExecuted_thenTheMissingOnesAreNamed() {
        Outcome o = execute("label", "--model", dir.toString());

        assertThat(o.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(o.err()).contains("Missing required options").contains("--input").contains("--output");
    }

    @Test
    void givenLabelWithoutAModelOnTheDjlBackend_whenExecuted_thenItAsksForOneOrTheOpenAiBackend() throws Exception {
        Outcome o = execute("label", "--input", existingFile(), "--output", dir.resolve("out.jsonl").toString());

        assertThat(o.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(o.err()).contains("--model DIR is missing").contains("medstream.labeler.backend=openai");
    }

    @Test
    void givenLabelWithAModelThatIsNotADirectory_whenExecuted_thenItFailsBeforeLoadingAnything() throws Exception {
        Outcome o = execute("label", "--model", dir.resolve("missing").toString(), "--input", existingFile(), "--output",
                dir.resolve("out.jsonl").toString());

        assertThat(o.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(o.err()).contains("is not a directory: give a checkpoint directory");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void givenLabelWithAMissingInput_whenExecuted_thenTheInputIsNamed() {
        Outcome o = execute("label", "--model", dir.toString(), "--input", dir.resolve("nope.json").toString(), "--output",
                dir.resolve("out.jsonl").toString());

        assertThat(o.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(o.err()).contains("--input " + dir.resolve("nope.json") + " is not a file");
    }

    @Test
    void givenLabelWithAnUnknownStrategy_whenExecuted_thenTheKnownOnesAreListed() throws Exception {
        Outcome o = execute("label", "--model", dir.toString(), "--input", existingFile(), "--output",
                dir.resolve("out.jsonl").toString(), "--strategy", "guess");

        assertThat(o.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(o.err()).contains("--strategy 'guess' is not one of voc, ppl, long-answer, ensemble");
    }

    @Test
    void givenHelpOnEachNewCommand_whenExecuted_thenItExitsZeroAndDescribesTheOptions() {
        Outcome label = execute("label", "--help");
        Outcome labeler = execute("bench", "labeler", "--help");
        Outcome trainer = execute("bench", "trainer", "--help");
        Outcome cleaning = execute("bench", "cleaning", "--help");

        assertThat(label.exitCode()).isZero();
        assertThat(label.out()).contains("--model=DIR").contains("--input=FILE").contains("--output=FILE.jsonl")
                .contains("voc, ppl, long-answer, ensemble");
        assertThat(labeler.exitCode()).isZero();
        assertThat(labeler.out()).contains("--strategy=voc|ppl").contains("--batch=B").contains("--json").contains("default: 8").contains("--threads=T").contains("--warmups=W");
        assertThat(trainer.exitCode()).isZero();
        assertThat(trainer.out()).contains("--preset=NAME").contains("--records=N");
        assertThat(cleaning.exitCode()).isZero();
        assertThat(cleaning.out()).contains("--records=N").contains("--dedup-scaling");
    }
}
