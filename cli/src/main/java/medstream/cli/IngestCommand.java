package medstream.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import medstream.cli.pipeline.CountTopicsStep;
import medstream.cli.pipeline.DataSetIngester;
import medstream.cli.pipeline.IngestModuleIngester;
import medstream.cli.pipeline.IngestStep;
import medstream.cli.pipeline.Pipeline;
import medstream.cli.pipeline.ProvisionTopicsStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./medstream ingest --source <name> [path]}: ingests one data set (or {@code --source all})
 * into the raw topics, provisioning the catalog first, and prints the topic counts.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ingests shared data sets into the raw topics (provisioning the catalog first) and prints topic counts.",
                "Against the default embedded broker the data is gone when the command ends: use --bootstrap and --registry "
                        + "(e.g. the addresses ./medstream up prints) to keep it."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--source", required = true, split = ",", paramLabel = "NAME",
            description = "Data set(s) to ingest, comma-separated, or 'all' (every shared data set the data directory holds; "
                    + "generic needs a path and is never part of it); see Sources below.")
    List<String> sources;

    @Parameters(arity = "0..1", paramLabel = "PATH",
            description = "The data set's directory or one of its files (default: <data dir>/<source>).")
    Path path;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the shared data sets (default: ../shared/data beside the repository).")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Records to produce per data set (default: all).")
    Integer limit;

    /** The {@code --help} footer: every source and what it feeds. */
    static String[] sourcesFooter(DataSetIngester ingester) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("%nSources:");
        for (String s : ingester.sources()) lines.add(String.format(java.util.Locale.ROOT, "  %-24s %s", s, ingester.describe(s)));
        return lines.toArray(String[]::new);
    }

    /** The sources to ingest: {@code all} is every shared data set (generic reads a path of the user's: name it alone). */
    static List<String> selected(List<String> requested, DataSetIngester ingester) {
        return isAll(requested) ? ingester.sharedSources() : requested;
    }

    private static boolean isAll(List<String> requested) {
        return requested.size() == 1 && requested.get(0).equals("all");
    }

    /** {@code all}: the shared data sets the data directory holds, the others skipped; named sources must all be there. */
    static IngestStep step(List<String> requested, Path path, DataSetIngester ingester) {
        if (isAll(requested) && path != null) {
            throw new IllegalArgumentException("--source all reads each data set from the data directory; a PATH goes with one "
                    + "named --source (e.g. --source generic " + path + ")");
        }
        return isAll(requested) ? IngestStep.existingShared(ingester) : new IngestStep(ingester, selected(requested, ingester), path);
    }

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 1) throw new IllegalArgumentException("--limit must be >= 1 (leave it out for all), got " + limit);
        DataSetIngester ingester = new IngestModuleIngester();
        IngestStep ingest = step(sources, path, ingester);
        var settings = common.settings()
                .override(CliSettings.DATA_DIR, data == null ? null : data.toString())
                .override(CliSettings.LIMIT, limit);
        Pipeline pipeline = new Pipeline(List.of(new ProvisionTopicsStep(), ingest,
                new CountTopicsStep()));
        return PipelineRunner.run(common, settings, pipeline, false, System.out);
    }
}
