package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import medstream.cleaning.CleaningTopology;
import medstream.contracts.RawDocument;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service on a cluster that authenticates with SASL/SCRAM and authorizes with ACLs, and a schema registry with basic
 * auth: its principal comes from the {@code kafka.*} client settings, its registry credentials from
 * {@code medstream.registry.basic-auth.user-info}. A principal with the ACLs the service needs runs it; one that may not
 * write its output topic is refused with an error that names the topic, without losing or duplicating a record.
 */
class SecuredServiceIT {
    private static final String GOOD = "good";
    private static final String BAD = "bad";
    private static final String APP = CleaningTopology.APPLICATION_ID;
    private static final String REGISTRY_USER_INFO = "medstream:registry-secret";

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withHttpRegistryBasicAuth(REGISTRY_USER_INFO)
            .withScramUsers(Map.of(GOOD, "good-secret", BAD, "bad-secret"));

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void givenAPrincipalWithoutWriteOnTheOutput_whenItRunsCleaning_thenItIsRefusedByNameAndAnAuthorizedRunDeliversEveryRecordOnce()
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        grantCleaningAcls(catalog, GOOD, true);
        grantCleaningAcls(catalog, BAD, false);
        Map<String, RawDocument> docs = abstracts(12);
        KAFKA.produce(catalog.rawDocuments(), docs);
        Path state = dir.resolve("state");

        ByteArrayOutputStream badLog = new ByteArrayOutputStream();
        Future<Integer> badExit = serve(catalog, BAD, "bad-secret", state, new CountDownLatch(1), badLog);

        assertThat(badExit.get(90, TimeUnit.SECONDS)).as("the refused service exits non-zero so that it is noticed")
                .isEqualTo(1);
        assertThat(badLog.toString(StandardCharsets.UTF_8))
                .contains("medstream cleaning: FAILED", "Not authorized", "lacks WRITE on topics [" + catalog.cleanDocuments().name() + "]");

        ByteArrayOutputStream goodLog = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        Future<Integer> goodExit = serve(catalog, GOOD, "good-secret", state, stop, goodLog);
        // Every document ends as a clean document or a reject.
        await().atMost(Duration.ofSeconds(60)).until(() ->
                KAFKA.count(catalog.cleanDocuments()) + KAFKA.count(catalog.cleanRejects()) >= docs.size());
        List<String> cleanIds = KAFKA.consume(catalog.cleanDocuments(), (int) KAFKA.count(catalog.cleanDocuments()),
                Duration.ofSeconds(10)).stream().map(ConsumerRecord::key).toList();
        List<String> rejectIds = KAFKA.consume(catalog.cleanRejects(), (int) KAFKA.count(catalog.cleanRejects()),
                Duration.ofSeconds(10)).stream().map(r -> r.value().getDocumentId()).toList();
        stop.countDown();

        assertThat(cleanIds).as("documents the refused principal could not write arrive once one may").isNotEmpty();
        List<String> delivered = new ArrayList<>(cleanIds);
        delivered.addAll(rejectIds);
        assertThat(delivered).as("each input exactly once, across the refused and the authorized run")
                .containsExactlyInAnyOrderElementsOf(docs.keySet());
        assertThat(goodExit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(goodLog.toString(StandardCharsets.UTF_8)).contains("medstream cleaning: started").doesNotContain("FAILED");
    }

    /** Runs {@code serve cleaning} as a SCRAM user, the way a deployment's {@code kafka.*} settings would. */
    private Future<Integer> serve(TopicCatalog catalog, String user, String password, Path state, CountDownLatch stop,
                                  ByteArrayOutputStream log) {
        Map<String, Object> client = new HashMap<>(KAFKA.scramClientConfig(user, password));
        String bootstrap = (String) client.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        // A Streams member does not leave its group on close: the authorized run waits out the refused run's session,
        // 45 s by default, before it is given the partitions.
        client.put(CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG, "6000");
        Settings settings = Settings.of(Map.of(CliSettings.BOOTSTRAP.key(), bootstrap, CliSettings.REGISTRY.key(), KAFKA.registryUrl(),
                CliSettings.REGISTRY_USER_INFO.key(), REGISTRY_USER_INFO, CliSettings.TOPIC_PREFIX.key(), catalog.prefix()));
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        return executor.submit(() -> ServeCommand.serve(ServeCommand.Service.cleaning, settings, client, state,
                Duration.ofSeconds(1), stop, out));
    }

    /**
     * The ACLs the cleaning service needs: see the catalog's topics, read its inputs, write its outputs (the clean
     * documents only when {@code mayWriteOutput}), own the internal topics, group and transactional ids under its
     * application id.
     */
    private static void grantCleaningAcls(TopicCatalog catalog, String user, boolean mayWriteOutput) throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        acls.addAll(allow(user, ResourceType.TOPIC, catalog.prefix(), PatternType.PREFIXED, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS));
        for (String input : List.of(catalog.rawDocuments().name(), catalog.evalItems().name())) {
            acls.addAll(allow(user, ResourceType.TOPIC, input, PatternType.LITERAL, AclOperation.READ));
        }
        List<String> outputs = new ArrayList<>(List.of(catalog.cleanRejects().name(), catalog.dlq().name()));
        if (mayWriteOutput) outputs.add(catalog.cleanDocuments().name());
        for (String output : outputs) {
            acls.addAll(allow(user, ResourceType.TOPIC, output, PatternType.LITERAL, AclOperation.WRITE));
        }
        acls.addAll(allow(user, ResourceType.TOPIC, APP, PatternType.PREFIXED, AclOperation.ALL));
        acls.addAll(allow(user, ResourceType.GROUP, APP, PatternType.PREFIXED, AclOperation.READ, AclOperation.DESCRIBE));
        acls.addAll(allow(user, ResourceType.TRANSACTIONAL_ID, APP, PatternType.PREFIXED, AclOperation.WRITE, AclOperation.DESCRIBE));
        KAFKA.admin().createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }

    private static List<AclBinding> allow(String user, ResourceType type, String name, PatternType pattern, AclOperation... ops) {
        List<AclBinding> out = new ArrayList<>();
        for (AclOperation op : ops) {
            out.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)));
        }
        return out;
    }

    /** The first {@code n} PQA-L abstracts as raw documents: real text, so most pass cleaning. */
    private static Map<String, RawDocument> abstracts(int n) throws Exception {
        Path pqal = Path.of(System.getProperty("medstream.shared.data", "../../shared/data"), "pubmedqa-pqal", "pqal_trainval.json");
        JsonNode items = new ObjectMapper().readTree(pqal.toFile());
        Map<String, RawDocument> docs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext() && docs.size() < n; ) {
            Map.Entry<String, JsonNode> item = it.next();
            List<String> contexts = new ArrayList<>();
            item.getValue().path("CONTEXTS").forEach(c -> contexts.add(c.asText()));
            String id = "pqal:" + item.getKey();
            docs.put(id, RawDocument.newBuilder().setId(id).setSource("it").setKind("ABSTRACT").setBody(String.join(" ", contexts))
                    .setIngestedAt(Instant.now()).build());
        }
        return docs;
    }
}
