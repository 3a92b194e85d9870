package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.TinyHfCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./medstream label --model DIR} with a Hugging Face Qwen2 directory (mechanics, not accuracy). */
class LabelCommandHfTest {

    @TempDir
    Path dir;

    @Test
    void givenATinyQwenDirectory_whenLabelingTwoItems_thenTwoLabelsAreWritten() throws Exception {
        HfConfig config = HfConfig.qwen2(TinyHfCheckpoints.VOCAB, 32, 64, 2, 4, 2, 2048, true);
        Path model = dir.resolve("qwen-tiny");
        TinyHfCheckpoints.write(model, config, TinyHfCheckpoints.randomTensors(config, 2), DType.BF16);
        Path input = dir.resolve("two.json");
        Files.writeString(input, """
                {"1": {"QUESTION": "Do statins lower cholesterol?", "CONTEXTS": ["Statins lowered LDL by 30%."],
                       "LONG_ANSWER": "Statins lower cholesterol."},
                 "2": {"QUESTION": "Does fasting change blood pressure?", "CONTEXTS": ["It did not change."],
                       "LONG_ANSWER": "No change."}}""", StandardCharsets.UTF_8);
        Path output = dir.resolve("labels.jsonl");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("label", "--model", model.toString(), "--input", input.toString(), "--output",
                output.toString(), "--strategy", "ppl");

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"model_version\":\"qwen-tiny\""));
    }
}
