package medstream.cli.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** How the CLI hands its Kafka client settings to a Streams app, for {@code local}'s curation and {@code serve}. */
public final class StreamsProps {
    private StreamsProps() {}

    /**
     * Adds the user's client settings (security and the like; the app's own bootstrap servers are kept) and the state
     * directory to an app's Streams configuration.
     */
    public static void apply(Properties props, Map<String, ?> clientConfig, Path stateDir) {
        clientConfig.forEach((k, v) -> {
            if (!k.equals(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) props.put(k, v);
        });
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    }
}
