package medstream.topics.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import medstream.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the broker match the topic catalog, idempotently: creates topics that are missing (partitions,
 * cleanup policy, replication factor) and reports, never silently ignores, existing topics whose
 * partitions, cleanup policy or replication factor differ from the catalog. It never alters or deletes
 * an existing topic: changing partitions re-keys data and changing the cleanup policy can delete it, so
 * that is a decision for a person (the warning says how).
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_S = 60;
    private static final long METADATA_WAIT_S = 15;

    private final Admin admin;
    private final short replicationFactor;

    /**
     * @param admin             an admin client the caller owns
     * @param replicationFactor replication factor of created topics (1 on a single broker)
     */
    public TopicProvisioner(Admin admin, short replicationFactor) {
        if (replicationFactor < 1) throw new IllegalArgumentException("replication factor must be >= 1, got " + replicationFactor);
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /**
     * Provisions with an admin client of its own, closed afterwards: what a process that only needs its topics to
     * exist at start-up calls (the local run's first step, every {@code serve} service).
     *
     * @param clientConfig      admin client settings (bootstrap servers and any security settings)
     * @param replicationFactor replication factor of created topics
     * @param topics            the catalog's topics
     * @return what was created, found and found differing
     */
    public static ProvisioningReport provision(Map<String, Object> clientConfig, short replicationFactor,
                                               Collection<? extends Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(clientConfig)) {
            return new TopicProvisioner(admin, replicationFactor).provision(topics);
        }
    }

    /** Provisions the given topics (usually {@code catalog.all()}) and returns what it found and did. */
    public ProvisioningReport provision(Collection<? extends Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<Topic<?, ?>> missing = topics.stream().filter(t -> !existing.contains(t.name())).collect(Collectors.toList());
            List<Topic<?, ?>> present = topics.stream().filter(t -> existing.contains(t.name())).collect(Collectors.toList());

            List<String> created = new ArrayList<>();
            List<Topic<?, ?>> raced = new ArrayList<>();
            if (!missing.isEmpty()) {
                Map<String, KafkaFuture<Void>> results = admin.createTopics(missing.stream().map(this::newTopic).toList()).values();
                for (Topic<?, ?> t : missing) {
                    try {
                        results.get(t.name()).get(TIMEOUT_S, TimeUnit.SECONDS);
                        created.add(t.name());
                    } catch (ExecutionException e) {
                        // Another process created it between our list and create: check it like any existing topic.
                        if (!(e.getCause() instanceof TopicExistsException)) throw e;
                        raced.add(t);
                    }
                }
            }
            present.addAll(raced);
            // Callers produce right after provisioning: return only once brokers serve the new topics' metadata.
            awaitVisible(created);

            List<ProvisioningReport.Mismatch> mismatches = present.isEmpty() ? List.of() : compareWhenVisible(present);
            Set<String> mismatched = mismatches.stream().map(ProvisioningReport.Mismatch::topic).collect(Collectors.toSet());
            List<String> unchanged = present.stream().map(Topic::name).filter(n -> !mismatched.contains(n)).toList();

            if (!created.isEmpty()) LOG.info("Created {} topic(s): {}", created.size(), created);
            for (ProvisioningReport.Mismatch m : mismatches) {
                LOG.warn("Topic {} differs from the catalog: {} is {} but the catalog declares {}. medstream leaves existing "
                        + "topics as they are; to fix it, delete the topic (losing its data) and provision again, or change "
                        + "the catalog.", m.topic(), m.setting(), m.actual(), m.expected());
            }
            return new ProvisioningReport(created, unchanged, mismatches);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Provisioning topics failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Provisioning topics timed out after " + TIMEOUT_S + " s: is the broker reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        }
    }

    private NewTopic newTopic(Topic<?, ?> t) {
        return new NewTopic(t.name(), t.partitions(), replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanup().configValue()));
    }

    private void awaitVisible(List<String> names) throws ExecutionException, InterruptedException, TimeoutException {
        if (names.isEmpty()) return;
        // Known is not yet writable: wait until every new partition has a leader whose replica manager serves it
        // (see servesOffsets for what producing earlier cost).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(METADATA_WAIT_S);
        while (true) {
            Map<String, TopicDescription> described = whileUnknown(
                    () -> admin.describeTopics(names).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS));
            List<String> leaderless = described.values().stream()
                    .filter(d -> d.partitions().stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty()))
                    .map(TopicDescription::name).toList();
            if (leaderless.isEmpty() && servesOffsets(described.values())) return;
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + (leaderless.isEmpty() ? names : leaderless)
                        + " are not served by a leader after " + METADATA_WAIT_S + " s: is every broker of the cluster up?");
            }
            Thread.sleep(100); // the broker applies new partitions within milliseconds; no call blocks until it has
        }
    }

    /**
     * Whether the leaders answer ListOffsets for every partition, i.e. their replica managers hold the partitions.
     * A broker can name a leader in its metadata before its replica manager has applied the new partition; a produce
     * request in that window fails NOT_LEADER_OR_FOLLOWER while a later request of the same idempotent producer may
     * be appended first, after which the first one's retries fail OUT_OF_ORDER_SEQUENCE_NUMBER until they expire:
     * silent loss (KAFKA-15591, fixed in brokers after the one this project embeds).
     */
    private boolean servesOffsets(Collection<TopicDescription> topics) throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : topics) {
            d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        try {
            admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) return false;
            throw new IllegalStateException("Reading the end offsets of new topics failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * {@link #compare}, retried while the broker does not know a topic yet: a topic another client has
     * just created is committed by the controller before every broker's metadata cache has it.
     */
    private List<ProvisioningReport.Mismatch> compareWhenVisible(List<Topic<?, ?>> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        return whileUnknown(() -> compare(topics));
    }

    /** An admin call that may fail with an unknown topic while metadata propagates. */
    private interface MetadataCall<T> {
        T call() throws ExecutionException, InterruptedException, TimeoutException;
    }

    /**
     * Runs {@code call}, retrying for up to {@value #METADATA_WAIT_S} s while the broker answers that a
     * topic is unknown; any other failure, or the deadline, is thrown.
     */
    private static <T> T whileUnknown(MetadataCall<T> call) throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(METADATA_WAIT_S);
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) throw e;
                // Metadata reaches the broker's cache within milliseconds; a short pause between asks.
                Thread.sleep(100);
            }
        }
    }

    private List<ProvisioningReport.Mismatch> compare(List<Topic<?, ?>> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> names = topics.stream().map(Topic::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS);

        List<ProvisioningReport.Mismatch> out = new ArrayList<>();
        for (Topic<?, ?> t : topics) {
            TopicDescription d = descriptions.get(t.name());
            int partitions = d.partitions().size();
            if (partitions != t.partitions()) {
                out.add(new ProvisioningReport.Mismatch(t.name(), "partitions", String.valueOf(t.partitions()), String.valueOf(partitions)));
            }
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
            String cleanup = c.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null ? "delete" : c.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!cleanup.equals(t.cleanup().configValue())) {
                out.add(new ProvisioningReport.Mismatch(t.name(), TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanup().configValue(), cleanup));
            }
            int rf = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            if (rf < replicationFactor) {
                out.add(new ProvisioningReport.Mismatch(t.name(), "replication.factor", String.valueOf(replicationFactor), String.valueOf(rf)));
            }
        }
        return out;
    }
}
