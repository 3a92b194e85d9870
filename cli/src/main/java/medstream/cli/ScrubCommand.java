package medstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import medstream.cleaning.pii.PiiScrubber;
import medstream.cleaning.pii.PiiType;
import medstream.cleaning.pii.ScrubFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./medstream scrub --input FILE --output FILE [--mode mask|surrogate]}: the cleaning topology's PII scrubber
 * alone over a file ({@link ScrubFile}), no broker; prints the replacements per kind.
 */
@Command(name = "scrub", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Removes personal identifiers (HIPAA Safe Harbor kinds, English and Chinese) from a file with the "
                + "cleaning topology's scrubber; no broker needed.",
                "Input: JSON lines with id and text (other fields are kept), or plain text, one document a line. "
                        + "Prints the replacements per kind."})
public final class ScrubCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON lines (id, text) or text lines.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where the scrubbed lines go (replaced if it exists).")
    Path output;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "mask",
            description = "mask (typed placeholders such as [NAME], the default) or surrogate (consistent fake names, "
                    + "dates shifted per document, seeded by the id).")
    String mode;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--input " + input + " is not a file: give a "
                    + "JSON lines file with id and text, or a text file");
        }
        if (Files.isDirectory(output)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output " + output + " is a directory: give a "
                    + "file name, e.g. scrubbed.jsonl");
        }
        PiiScrubber.Mode parsed;
        try {
            parsed = PiiScrubber.Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode '" + mode + "' is not mask or surrogate");
        }
        ScrubFile.Summary s = ScrubFile.run(input, output, parsed);
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.print(summary(s, output));
        out.flush();
        return 0;
    }

    static String summary(ScrubFile.Summary s, Path output) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Scrubbed %d documents in %.1f s (%.0f documents/s): %d replacements in %d documents%n",
                s.documents(), s.seconds(), s.documents() / Math.max(s.seconds(), 1e-9), s.total(), s.changed()));
        for (Map.Entry<PiiType, Integer> e : s.counts().entrySet()) {
            b.append(String.format(Locale.ROOT, "  %-9s %d%n", e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        }
        b.append("  written to ").append(output).append(System.lineSeparator());
        return b.toString();
    }
}
