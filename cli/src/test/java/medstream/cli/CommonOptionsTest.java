package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommonOptionsTest {
    @TempDir
    Path dir;

    @Test
    void givenConfigFileWithSettingsAndClientSecrets_whenFlagsAlsoGiven_thenFlagsWinAndSecretsArePrintedMasked() throws Exception {
        Path config = dir.resolve("prod.properties");
        Files.writeString(config, String.join("\n",
                "medstream.bootstrap=from-file:9092",
                "medstream.topic.partitions=6",
                "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.jaas.config=PlainLoginModule required password=\"hunter2\";",
                "kafka.ssl.truststore.password=hunter3"), StandardCharsets.UTF_8);
        CommonOptions options = new CommonOptions();
        new CommandLine(options).parseArgs("--config", config.toString(), "--bootstrap", "from-flag:9092");

        var settings = options.settings();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        options.printEffective(settings, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String printed = buf.toString(StandardCharsets.UTF_8);

        assertThat(settings.get(CliSettings.BOOTSTRAP)).isEqualTo("from-flag:9092");
        assertThat(settings.get(CliSettings.TOPIC_PARTITIONS)).isEqualTo(6);
        assertThat(settings.get(CliSettings.REGISTRY)).isEqualTo(CliSettings.EMBEDDED);
        assertThat(options.clientOverrides()).containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config");
        assertThat(printed).contains("from-flag:9092").contains("kafka.security.protocol").contains("SASL_SSL")
                .doesNotContain("hunter2").doesNotContain("hunter3").contains("****");
    }
}
