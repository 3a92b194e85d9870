package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import medstream.contracts.RawDocument;
import medstream.topics.TopicCatalog;
import medstream.topics.admin.DeadLetterCounts;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./medstream ingest} against a broker and HTTP registry it did not start, the way a user points
 * it at an external cluster with {@code --bootstrap} and {@code --registry}.
 */
class IngestCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withHttpRegistry();

    @TempDir
    Path dir;

    @Test
    void givenExternalBrokerAndAJsonlFileWithOneBadLine_whenIngestingTwice_thenGoodLinesAreRecordsWithStableKeysAndTheBadLineIsADeadLetter()
            throws Exception {
        Path file = dir.resolve("docs.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"id\": \"d1\", \"title\": \"Aspirin\", \"text\": \"Aspirin inhibits cyclooxygenase.\"}",
                "{\"id\": \"d2\", \"title\": \"Insulin\", \"text\": \"Insulin lowers blood glucose.\"}",
                "{this line is not json"), StandardCharsets.UTF_8);
        String[] args = {"ingest", "--source", "generic", file.toString(),
                "--bootstrap", KAFKA.bootstrapServers(), "--registry", KAFKA.registryUrl()};

        int first = Main.run(args);
        int second = Main.run(args);

        TopicCatalog catalog = KAFKA.catalog();
        assertThat(first).isZero();
        assertThat(second).as("provisioning an existing catalog again is fine").isZero();
        List<ConsumerRecord<String, RawDocument>> docs = KAFKA.consume(catalog.rawDocuments(), 4, Duration.ofSeconds(30));
        assertThat(docs).hasSize(4);
        assertThat(docs.stream().map(ConsumerRecord::key).distinct()).as("same keys on re-ingestion").hasSize(2);
        DeadLetterCounts dead = KAFKA.deadLetters(catalog);
        assertThat(dead.total()).isEqualTo(2);
        assertThat(dead.byService()).isEqualTo(Map.of("ingest", 2L));
    }

    @Test
    void givenAnUnknownSource_whenIngesting_thenTheCommandExitsWithOne() {
        assertThat(Main.run("ingest", "--source", "no-such-source", "--bootstrap", KAFKA.bootstrapServers(),
                "--registry", KAFKA.registryUrl())).isEqualTo(1);
    }
}
