package medstream.knowledge.streams;

import java.util.Properties;
import java.util.UUID;
import medstream.contracts.CorpusText;
import medstream.contracts.CleanReject;
import medstream.contracts.DeadLetter;
import medstream.contracts.EvalItem;
import medstream.contracts.Instruction;
import medstream.contracts.LabelRequest;
import medstream.contracts.McqTask;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.registry.MockSchemaRegistry;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A TopologyTestDriver over a knowledge topology with a private mock:// registry scope, the app's own
 * Streams configuration (exactly_once_v2, dead-letter handlers) and typed topics from the catalog.
 */
final class DriverFixture implements AutoCloseable {
    final String scope = "knowledge-" + UUID.randomUUID();
    final TopicCatalog catalog = TopicCatalog.withRegistry(MockSchemaRegistry.SCHEME + scope);
    final TopologyTestDriver driver;
    final TestOutputTopic<String, CorpusText> stage1;
    final TestOutputTopic<String, Instruction> stage2;
    final TestOutputTopic<String, McqTask> stage3;
    final TestOutputTopic<String, EvalItem> eval;
    final TestOutputTopic<String, LabelRequest> requests;
    final TestOutputTopic<String, DeadLetter> dlq;
    final TestOutputTopic<String, CleanReject> rejects;

    interface TopologyFactory {
        Topology build(TopicCatalog catalog, KnowledgeConfig config);
    }

    DriverFixture(TopologyFactory factory, KnowledgeConfig config) {
        Properties props = KnowledgeApp.getStreamsConfig("unused:9092", catalog, config);
        // A state directory of its own: the default /tmp/kafka-streams/<app id> is shared by every test JVM on the
        // machine, and a parallel build's driver holding a RocksDB lock there failed these tests.
        props.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        driver = new TopologyTestDriver(factory.build(catalog, config), props);
        stage1 = output(catalog.stage1Corpus());
        stage2 = output(catalog.stage2Instructions());
        stage3 = output(catalog.stage3Tasks());
        eval = output(catalog.evalItems());
        requests = output(catalog.labelRequests());
        dlq = output(catalog.dlq());
        rejects = output(catalog.stageRejects());
    }

    private static java.nio.file.Path stateDir() {
        try {
            return java.nio.file.Files.createTempDirectory("knowledge-driver");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde().serializer());
    }

    <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }
}
