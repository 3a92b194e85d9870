package medstream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
    @TempDir
    Path out;

    @Test
    void givenSectionsFromSeveralSteps_whenWritten_thenJsonHoldsThemUnderStableKeysInInsertionOrder() throws Exception {
        RunSummary summary = new RunSummary(Instant.parse("2026-11-25T03:00:00Z"));
        summary.put("bootstrap", "127.0.0.1:9092");
        summary.section("topics").put("raw.documents", 12L);
        summary.section("topics").put("dlq", 0L);
        summary.section("dlq").put("by_service", Map.of("ingest", 2L));

        Path file = summary.writeTo(out.resolve("nested"));

        assertThat(file).isEqualTo(out.resolve("nested").resolve("summary.json"));
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("schema_version").asInt()).isEqualTo(RunSummary.SCHEMA_VERSION);
        assertThat(json.get("started_at").asText()).isEqualTo("2026-11-25T03:00:00Z");
        assertThat(json.get("wall_time_s").isNumber()).isTrue();
        assertThat(json.get("finished_at").asText()).isNotBlank();
        assertThat(json.get("topics").get("raw.documents").asLong()).isEqualTo(12);
        assertThat(List.of(json.get("topics").fieldNames().next())).containsExactly("raw.documents");
        assertThat(json.get("dlq").get("by_service").get("ingest").asLong()).isEqualTo(2);
        assertThat(Files.exists(out.resolve("nested").resolve("summary.json.tmp"))).isFalse();
    }

    @Test
    void givenATopLevelValue_whenUsedAsSection_thenItIsRefused() {
        RunSummary summary = new RunSummary();
        summary.put("status", "ok");

        assertThatThrownBy(() -> summary.section("status")).isInstanceOf(IllegalStateException.class).hasMessageContaining("status");
    }
}
