package medstream.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import medstream.cli.CliSettings;
import medstream.topics.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every benchmark takes: {@code --json} and {@code --data}. Mixed in with {@code @Mixin}. */
public final class BenchOptions {
    @Option(names = "--json", description = "Print one JSON object on stdout instead of a table (progress stays on stderr).")
    boolean json;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the shared data sets (default: ../shared/data beside the repository).")
    Path data;

    /** The shared data directory, checked to exist. */
    Path dataDir(CommandLine cli) {
        Path dir = data != null ? data : CliSettings.dataDir(Settings.load(null));
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cli, "The shared data directory " + dir
                    + " does not exist: pass --data DIR (the folder holding pubmedqa-pqal/ ...)");
        }
        return dir;
    }

    /** Throws a usage error unless {@code value >= min}. */
    static void atLeast(CommandLine cli, String option, int value, int min) {
        if (value < min) throw new CommandLine.ParameterException(cli, option + " must be >= " + min + ", got " + value);
    }
}
