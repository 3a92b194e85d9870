package medstream.cli.bench;

import java.util.Map;
import java.util.concurrent.Callable;
import medstream.experiments.bench.lm.DecoderThroughput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./medstream bench decoder}: {@link DecoderThroughput}, the Qwen2 / Llama decoder against medstream's GPT of
 * the same size on this machine's CPU, train and forward tokens/s and their ratios in one run.
 */
@Command(name = "decoder", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decoder throughput: training steps and inference forward passes of the Qwen2-shaped decoder "
                + "(HfCausalLm) and medstream's GPT of the same size (4 layers, d 256, vocabulary 8192, batches of 16 x 256), "
                + "alternating; decoder_*_tokens_per_s / gpt_*_tokens_per_s = train_ratio, forward_ratio."})
public final class BenchDecoderCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchOptions common;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "6",
            description = "Timed steps per model and pass after two warm-up steps; medians are reported (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--kv-heads", paramLabel = "K", defaultValue = "4",
            description = "Key/value heads of the decoder: 4 (multi-head, like the GPT), 2 or 1 (grouped-query) (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        BenchOptions.atLeast(cli, "--steps", steps, 1);
        if (kvHeads != 1 && kvHeads != 2 && kvHeads != 4) {
            throw new CommandLine.ParameterException(cli, "--kv-heads must be 1, 2 or 4 (a divisor of the 4 heads), got " + kvHeads);
        }
        System.err.printf(java.util.Locale.ROOT, "[bench decoder] %d timed steps per model, kv heads %d ...%n", steps, kvHeads);
        Map<String, Object> result = BenchOutput.withStdoutOnStderr(() -> DecoderThroughput.run(steps, kvHeads).toMap());
        BenchOutput.print(result, common.json, System.out);
        return 0;
    }
}
