package medstream.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import medstream.lm.ModelDirectory;
import medstream.lm.model.TokenLogProbs;
import medstream.lm.tokenizer.TextTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./medstream score --model DIR --text TEXT [--json]}: the log-probability of every token of a text under a
 * model directory of any kind (our checkpoint, a TorchScript model, a Hugging Face Qwen2 / Llama directory), and
 * its perplexity. The text is encoded as plain text (special-token strings are not special) after the BOS token.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per-token log-probabilities and perplexity of a text under a model directory (a checkpoint, a "
                + "TorchScript model or a Hugging Face Qwen2 / Llama directory).",
                "The text follows the tokenizer's BOS token; --json prints one JSON object."})
public final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory of any kind.")
    Path model;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The text to score.")
    String text;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model " + model
                    + " is not a directory: give a checkpoint, TorchScript or Hugging Face model directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ModelDirectory.Loaded m = ModelDirectory.open(model, Device.cpu())) {
            TextTokenizer tokenizer = m.tokenizer();
            int[] body = tokenizer.encode(text);
            int[] ids = new int[body.length + 1];
            ids[0] = tokenizer.bosId();
            System.arraycopy(body, 0, ids, 1, body.length);
            TokenLogProbs scores = TokenLogProbs.of(m.model(), ids);
            out.print(json ? toJson(m, tokenizer, scores) + "\n" : table(m, tokenizer, scores));
        }
        out.flush();
        return 0;
    }

    static String toJson(ModelDirectory.Loaded m, TextTokenizer tokenizer, TokenLogProbs s) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model_version", m.version()).put("model_kind", m.kind().name());
        ArrayNode tokens = root.putArray("tokens");
        for (int i = 0; i < s.ids().length; i++) {
            ObjectNode t = tokens.addObject().put("id", s.ids()[i])
                    .put("text", tokenizer.decode(new int[] {s.ids()[i]}));
            if (i == 0) {
                t.putNull("logprob");
            } else {
                t.put("logprob", s.logProbs()[i]);
            }
        }
        root.put("scored_tokens", s.scored()).put("sum_logprob", s.sum()).put("mean_logprob", s.sum() / s.scored())
                .put("perplexity", s.perplexity());
        return mapper.writeValueAsString(root);
    }

    static String table(ModelDirectory.Loaded m, TextTokenizer tokenizer, TokenLogProbs s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "model %s (%s)%n%5s %8s %10s  %s%n",
                m.version(), m.kind(), "pos", "id", "logprob", "token"));
        for (int i = 0; i < s.ids().length; i++) {
            String token = tokenizer.decode(new int[] {s.ids()[i]}).replace("\n", "\\n");
            b.append(String.format(Locale.ROOT, "%5d %8d %10s  '%s'%n", i, s.ids()[i],
                    i == 0 ? "-" : String.format(Locale.ROOT, "%.4f", s.logProbs()[i]), token));
        }
        b.append(String.format(Locale.ROOT, "%d tokens scored: sum %.4f, mean %.4f, perplexity %.3f%n", s.scored(),
                s.sum(), s.sum() / s.scored(), s.perplexity()));
        return b.toString();
    }
}
