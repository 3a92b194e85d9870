package medstream.cli.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Ingests shared data sets into the raw topics. The CLI sees ingestion only through this interface;
 * {@link IngestModuleIngester} implements it over module {@code ingest}.
 */
public interface DataSetIngester {
    /** Every source name (e.g. {@code medqa-usmle}, {@code generic}). */
    List<String> sources();

    /**
     * The sources that are folders of the shared data directory (every source but the generic
     * JSONL/text one, which needs a path), in the order {@code local} ingests them.
     */
    List<String> sharedSources();

    /** One line per source for {@code --help}. */
    String describe(String source);

    /**
     * Ingests one data set to the catalog's raw topics (parse failures to the DLQ) and returns its
     * counts for the summary's {@code ingest.<source>} entry.
     *
     * @param path the data set's directory or one of its files
     */
    Map<String, Object> ingest(String source, Path path, RunContext ctx) throws Exception;
}
