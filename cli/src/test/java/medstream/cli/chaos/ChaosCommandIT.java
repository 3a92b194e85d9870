package medstream.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import medstream.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./medstream chaos} as CI runs it: a short run (3 SIGKILLs, a few records per data set, a small generated
 * stream) over the real broker and service JVMs. It must really kill and restart services, and its audit must find
 * nothing lost and nothing written twice.
 */
class ChaosCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void givenThreeSigkillsWhileDataFlows_whenTheRunIsAudited_thenNothingIsLostOrDuplicated_andEveryVictimWasRestarted() throws Exception {
        Path out = dir.resolve("chaos");

        int exit = Main.run("chaos", "--kills", "3", "--seed", "7", "--limit", "5", "--generated", "30", "--no-baseline",
                "--catch-up-timeout", "240", "--out", out.toString(), "--data", System.getProperty("medstream.shared.data", "../../shared/data"));

        JsonNode report = JSON.readTree(Files.readString(out.resolve("chaos.json"), StandardCharsets.UTF_8));
        assertThat(report.path("kills").asInt()).as("kills made; report %s", report).isEqualTo(3);
        assertThat(report.path("kill_log")).hasSize(3);
        int incarnations = 0;
        for (JsonNode n : report.path("run").path("incarnations")) incarnations += n.asInt();
        assertThat(incarnations).as("service incarnations: 7 first starts + a restart per kill").isGreaterThanOrEqualTo(7 + 3);
        assertThat(report.path("run").path("caught_up").asBoolean()).as("caught up after the kills; report %s", report).isTrue();
        assertThat(report.path("inputs").asLong()).isPositive();
        assertThat(report.path("services").path("cleaning").path("inputs").asLong()).as("generated notes reach cleaning").isGreaterThanOrEqualTo(30);
        assertThat(report.path("lost").asLong()).as("lost; report %s", report).isZero();
        assertThat(report.path("duplicated").asLong()).as("duplicated; report %s", report).isZero();
        assertThat(exit).isZero();
    }
}
