package medstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommonOptionsTest {
    @TempDir
    Path dir;

    @Test
    void givenConfigFileWithSettingsAndClientSecrets_whenFlagsAlsoGiven_thenFlagsWinAndSecretsArePrintedMasked() throws Exception {
        CommonOptions options = options(List.of(
                "medstream.bootstrap=from-file:9092",
                "medstream.topic.partitions=6",
                "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.jaas.config=PlainLoginModule required password=\"hunter2\";",
                "kafka.ssl.truststore.password=hunter3"), "--bootstrap", "from-flag:9092");

        var settings = options.settings();
        String printed = printed(options);

        assertThat(settings.get(CliSettings.BOOTSTRAP)).isEqualTo("from-flag:9092");
        assertThat(settings.get(CliSettings.TOPIC_PARTITIONS)).isEqualTo(6);
        assertThat(settings.get(CliSettings.REGISTRY)).isEqualTo(CliSettings.EMBEDDED);
        assertThat(options.clientOverrides()).containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config");
        assertThat(printed).contains("from-flag:9092").contains("kafka.security.protocol").contains("SASL_SSL")
                .doesNotContain("hunter2").doesNotContain("hunter3").contains("****");
    }

    @Test
    void givenScramSslAndRegistryCredentials_whenTheConfigurationIsPrinted_thenNoPasswordKeyOrUserInfoAppears() throws Exception {
        CommonOptions options = options(List.of(
                "medstream.registry=https://svc:hunter4@registry.example:8081",
                "medstream.registry.basic-auth.user-info=svc:hunter5",
                "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.mechanism=SCRAM-SHA-512",
                "kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"hunter6\";",
                "kafka.ssl.truststore.location=/etc/kafka/truststore.jks",
                "kafka.ssl.keystore.key=-----BEGIN PRIVATE KEY-----hunter7",
                "kafka.basic.auth.user.info=svc:hunter8"));

        String printed = printed(options);

        assertThat(printed).doesNotContain("hunter4", "hunter5", "hunter6", "hunter7", "hunter8")
                .contains("https://****@registry.example:8081", "SCRAM-SHA-512", "/etc/kafka/truststore.jks",
                        "medstream.registry.basic-auth.user-info");
        assertThat(options.clientOverrides()).containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks");
    }

    /** Options parsed from a config file with these lines and these further flags. */
    private CommonOptions options(List<String> configLines, String... flags) throws Exception {
        Path config = Files.writeString(dir.resolve("config.properties"), String.join("\n", configLines), StandardCharsets.UTF_8);
        CommonOptions options = new CommonOptions();
        List<String> args = new java.util.ArrayList<>(List.of("--config", config.toString()));
        args.addAll(List.of(flags));
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        return options;
    }

    private static String printed(CommonOptions options) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        options.printEffective(options.settings(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }
}
