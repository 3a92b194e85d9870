package medstream.topics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsServiceTest {
    @TempDir
    Path dir;

    private static Topology topology() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String())).to("out");
        return b.build();
    }

    private static Properties appProps() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "medstream-test-app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }

    @Test
    void givenClientSettings_whenTheAppIsBuilt_thenItGetsThemAndTheStateDirButKeepsItsOwnBootstrap() {
        ClientConfig client = new ClientConfig("10.0.0.1:9092", Map.of("security.protocol", "SASL_SSL",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "elsewhere:9092"), dir.resolve("state"));

        Properties p = StreamsService.withClient(appProps(), client);

        assertThat(p).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toAbsolutePath().toString());
    }

    @Test
    void givenABuiltApp_whenAskedBeforeStart_thenItIsHealthyButNotConsumingAndNamesItsGroupAndSettings() {
        try (StreamsService app = new StreamsService("test", topology(), appProps(),
                new ClientConfig("127.0.0.1:1", Map.of(), dir), Map.of("medstream.test.key", "v"))) {
            assertThat(app.name()).isEqualTo("test");
            assertThat(app.isHealthy()).isTrue();
            assertThat(app.notStarted()).isEqualTo("Streams state CREATED");
            assertThat(app.stats().describe()).isEqualTo("state CREATED, 1 thread(s)");
            assertThat(app.consumerGroups()).containsExactly("medstream-test-app");
            assertThat(app.describe()).startsWith("medstream-test-app, exactly_once_v2, state " + dir.toAbsolutePath());
            assertThat(app.effectiveSettings()).containsExactly(Map.entry("medstream.test.key", "v"));
        }
    }

    @Test
    void givenAClosedApp_whenAsked_thenItIsNoLongerHealthy() {
        StreamsService app = new StreamsService("test", topology(), appProps(), new ClientConfig("127.0.0.1:1", Map.of(), dir), Map.of());

        app.close();

        assertThat(app.isHealthy()).isFalse();
        assertThat(app.stats().describe()).startsWith("state NOT_RUNNING");
    }

    @Test
    void givenNoStateDirectory_whenAStreamsAppIsBuilt_thenItRefusesNamingTheFix() {
        ClientConfig client = new ClientConfig("127.0.0.1:1", Map.of(), null);

        assertThatThrownBy(() -> new StreamsService("test", topology(), appProps(), client, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state directory");
    }
}
