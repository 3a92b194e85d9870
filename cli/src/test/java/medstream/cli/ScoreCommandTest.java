package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.TinyHfCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./medstream score} on a tiny Hugging Face Llama directory. */
class ScoreCommandTest {

    @TempDir
    Path dir;

    @Test
    void givenATinyLlamaDirectory_whenScoredAsJson_thenEveryTokenHasALogProbAndThePerplexityAgrees() throws Exception {
        HfConfig config = TinyHfCheckpoints.llama(true);
        TinyHfCheckpoints.write(dir, config, TinyHfCheckpoints.randomTensors(config, 4), DType.BF16);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("score", "--model", dir.toString(), "--text", "the patient", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("model_kind").asText()).isEqualTo("HUGGING_FACE");
        JsonNode tokens = root.get("tokens");
        assertThat(tokens.get(0).get("text").asText()).isEqualTo("<|begin_of_text|>");
        assertThat(tokens.get(0).get("logprob").isNull()).isTrue();
        StringBuilder text = new StringBuilder();
        double sum = 0;
        for (int i = 1; i < tokens.size(); i++) {
            text.append(tokens.get(i).get("text").asText());
            assertThat(tokens.get(i).get("logprob").asDouble()).isNegative();
            sum += tokens.get(i).get("logprob").asDouble();
        }
        assertThat(text.toString()).isEqualTo("the patient");
        assertThat(root.get("scored_tokens").asInt()).isEqualTo(tokens.size() - 1);
        assertThat(root.get("perplexity").asDouble()).isCloseTo(Math.exp(-sum / (tokens.size() - 1)), within(1e-6));
    }

    @Test
    void givenATinyQwenDirectory_whenScoredAsATable_thenTheSummaryLineIsPrinted() throws Exception {
        HfConfig config = TinyHfCheckpoints.qwen2(false);
        TinyHfCheckpoints.write(dir, config, TinyHfCheckpoints.randomTensors(config, 4), DType.F32);
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("score", "--model", dir.toString(), "--text", "the patient")).isZero();
        assertThat(out.toString()).contains("(HUGGING_FACE)").contains("tokens scored").contains("perplexity")
                .contains("' pa'");
    }
}
