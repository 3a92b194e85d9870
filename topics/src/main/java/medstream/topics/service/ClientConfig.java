package medstream.topics.service;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a service's Kafka clients connect and with what: the bootstrap servers, the configuration's {@code kafka.*}
 * client settings (security, timeouts; every client a service opens gets them) and the directory where a Streams app
 * keeps its local state.
 *
 * @param bootstrapServers host:port,...
 * @param overrides        client settings, prefix removed ({@code security.protocol}); never the bootstrap servers
 * @param stateDir         Kafka Streams' {@code state.dir} of this service; null for a service without local state
 */
public record ClientConfig(String bootstrapServers, Map<String, Object> overrides, Path stateDir) {
    public ClientConfig {
        overrides = Map.copyOf(overrides);
    }

    /** The overrides with the bootstrap servers: the configuration of an admin client or a plain consumer. */
    public Map<String, Object> withBootstrap() {
        Map<String, Object> m = new HashMap<>(overrides);
        m.put("bootstrap.servers", bootstrapServers);
        return m;
    }
}
