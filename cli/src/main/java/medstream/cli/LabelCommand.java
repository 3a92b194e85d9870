package medstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import medstream.labeler.LabelerConfig;
import medstream.labeler.model.Backend;
import medstream.labeler.offline.OfflineLabeler;
import medstream.labeler.offline.OfflineSummary;
import medstream.labeler.strategy.Strategies;
import medstream.topics.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./medstream label --model DIR --input FILE --output FILE.jsonl [--strategy NAME]}: labels a PubMedQA-format
 * JSON file offline with the labeler service's own code ({@link OfflineLabeler}), a progress line per batch on
 * stderr, and a readable summary on stdout. Needs no broker.
 */
@Command(name = "label", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Labels a PubMedQA-format JSON file ({pmid: {QUESTION, CONTEXTS, LONG_ANSWER}}) with a model checkpoint, "
                + "using exactly the labeler service's code; no broker needed.",
                "Writes one JSON line per item: id, label (yes|no|maybe), confidence, decision (ACCEPT|REVIEW), strategy, "
                        + "model_version (+ reason). Labeler settings (MEDSTREAM_LABELER_*, -Dmedstream.labeler.*) apply."})
public final class LabelCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory: an lm checkpoint with its tokenizer, a TorchScript model, "
            + "or a Hugging Face Qwen2 / Llama directory; not needed with medstream.labeler.backend=openai, which labels with the configured server.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "PubMedQA-format JSON file, e.g. ../shared/data/pubmedqa-pqal/pqal_test_unlabeled.json.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE.jsonl", description = "Where to write the JSON lines (replaced if it exists).")
    Path output;

    @Option(names = "--strategy", paramLabel = "NAME",
            description = "Labeling strategy: ${COMPLETION-CANDIDATES} (default: medstream.labeler.strategy, voc).",
            completionCandidates = StrategyNames.class)
    String strategy;

    /** The labeler's strategy names, for {@code --help}. */
    static final class StrategyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return Strategies.NAMES.iterator(); }
    }

    @Override
    public Integer call() {
        validate();
        // Progress on stderr, the summary on stdout, through picocli's writers so a caller can capture both.
        java.io.PrintWriter err = spec.commandLine().getErr();
        java.io.PrintWriter out = spec.commandLine().getOut();
        err.println("Labeling " + input + " with " + (model == null ? "the configured server" : model) + " -> " + output);
        err.flush();
        OfflineSummary s = OfflineLabeler.run(model == null ? Path.of("") : model, input, output, strategy, line -> {
            err.println("    " + line);
            err.flush();
        });
        out.print(summary(s, output));
        out.flush();
        return 0;
    }

    /** Checks the paths and the strategy before a model is loaded, so a typo costs nothing. */
    void validate() {
        boolean served = LabelerConfig.from(Settings.load(null)).backend() == Backend.OPENAI;
        if (model == null && !served) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--model DIR is missing: give a checkpoint directory, or set medstream.labeler.backend=openai to use a server");
        }
        if (model != null && !Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--model " + model + " is not a directory: give a checkpoint directory (it holds manifest.json and tokenizer/)");
        }
        if (!Files.isRegularFile(input)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--input " + input + " is not a file: give a PubMedQA-format JSON file");
        }
        if (Files.isDirectory(output)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output " + output + " is a directory: give a file name, e.g. labels.jsonl");
        }
        if (strategy != null && !Strategies.NAMES.contains(strategy)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--strategy '" + strategy + "' is not one of " + String.join(", ", Strategies.NAMES));
        }
    }

    static String summary(OfflineSummary s, Path output) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Labeled %d items in %.1f s (%.2f items/s) with strategy %s, model %s on %s%n",
                s.items(), s.seconds(), s.itemsPerSecond(), s.strategy(), s.modelVersion(), s.device()));
        b.append("  labels     ").append(s.labels()).append(System.lineSeparator());
        b.append("  decisions  ").append(s.decisions()).append(System.lineSeparator());
        if (!s.rejected().isEmpty()) b.append("  rejected   ").append(s.rejected()).append(System.lineSeparator());
        b.append("  confidence ").append(histogram(s.confidenceHistogram())).append(System.lineSeparator());
        b.append("  written to ").append(output).append(System.lineSeparator());
        return b.toString();
    }

    /** The ten confidence bins as {@code [0.0,0.1):n ...}, skipping empty ones. */
    static String histogram(long[] bins) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bins.length; i++) {
            if (bins[i] == 0) continue;
            if (b.length() > 0) b.append(' ');
            b.append(String.format(Locale.ROOT, "[%.1f,%.1f%s:%d", i / 10.0, (i + 1) / 10.0, i == bins.length - 1 ? "]" : ")", bins[i]));
        }
        return b.length() == 0 ? "(none)" : b.toString();
    }
}
