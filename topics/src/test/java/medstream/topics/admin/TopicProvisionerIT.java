package medstream.topics.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provisioner against a real broker: creates the catalog, is idempotent, reports drift. */
class TopicProvisionerIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void givenEmptyBroker_whenProvisioningTwice_thenFirstRunCreatesEveryTopicAsDeclaredAndSecondIsANoOp() throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();

        ProvisioningReport first = KAFKA.provision(catalog);
        ProvisioningReport second = KAFKA.provision(catalog);

        List<String> names = catalog.all().stream().map(Topic::name).toList();
        assertThat(first.created()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(first.isClean()).isTrue();
        assertThat(second.isNoOp()).isTrue();
        assertThat(second.unchanged()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(second.mismatches()).isEmpty();
        int n = names.size();
        assertThat(first.summary()).isEqualTo(n + " topics: " + n + " created, 0 already there, 0 differing from the catalog");
        assertThat(second.summary()).isEqualTo(n + " topics: 0 created, " + n + " already there, 0 differing from the catalog");

        Map<String, TopicDescription> described = KAFKA.admin().describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        for (Topic<String, ?> t : catalog.all()) {
            assertThat(described.get(t.name()).partitions()).as(t.name()).hasSize(t.partitions());
        }
        assertThat(catalog.evalItems().cleanup()).isEqualTo(Topic.Cleanup.COMPACT);
        String cleanup = KAFKA.admin().describeConfigs(List.of(resource(catalog.evalItems().name()))).all()
                .get(30, TimeUnit.SECONDS).get(resource(catalog.evalItems().name())).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        assertThat(cleanup).isEqualTo("compact");
    }

    @Test
    void givenTopicsCreatedWithWrongPartitionsAndCleanup_whenProvisioning_thenBothDifferencesAreReportedAndTopicsLeftAlone()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        Topic<String, ?> raw = catalog.rawDocuments();     // declared: 2 partitions, delete
        Topic<String, ?> evals = catalog.evalItems();      // declared: 1 partition, compact
        KAFKA.admin().createTopics(List.of(
                new NewTopic(raw.name(), 3, (short) 1),
                new NewTopic(evals.name(), 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"))))
                .all().get(30, TimeUnit.SECONDS);

        ProvisioningReport report = TopicProvisioner.provision(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                (short) 1, catalog.all());

        assertThat(report.isClean()).isFalse();
        int n = catalog.all().size();
        assertThat(report.differing()).isEqualTo(2);
        assertThat(report.summary()).isEqualTo(n + " topics: " + (n - 2) + " created, 0 already there, 2 differing from the catalog");
        assertThat(report.mismatches()).containsExactlyInAnyOrder(
                new ProvisioningReport.Mismatch(raw.name(), "partitions", "2", "3"),
                new ProvisioningReport.Mismatch(evals.name(), "cleanup.policy", "compact", "delete"));
        assertThat(report.created()).hasSize(catalog.all().size() - 2).doesNotContain(raw.name(), evals.name());
        assertThat(KAFKA.admin().describeTopics(List.of(raw.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(raw.name()).partitions()).as("existing topic not altered").hasSize(3);
    }

    private static org.apache.kafka.common.config.ConfigResource resource(String topic) {
        return new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
    }
}
