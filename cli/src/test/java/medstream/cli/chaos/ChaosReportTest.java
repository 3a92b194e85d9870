package medstream.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a chaos run passes, and the JSON totals it prints. */
class ChaosReportTest {
    @Test
    void givenNothingLostOrDuplicated_whenReported_thenItPasses_andTheTotalsAddUpTheServices() {
        ChaosReport report = report(0, 0, true);

        assertThat(report.passed()).isTrue();
        assertThat(report.toJson()).containsEntry("kills", 1).containsEntry("inputs", 20L).containsEntry("lost", 0L)
                .containsEntry("duplicated", 0L);
    }

    @Test
    void givenOneLostRecord_whenReported_thenItFails() {
        assertThat(report(1, 0, true).passed()).isFalse();
    }

    @Test
    void givenOneDuplicatedRecord_whenReported_thenItFails() {
        assertThat(report(0, 1, true).passed()).isFalse();
    }

    @Test
    void givenARunThatNeverCaughtUp_whenReported_thenItFailsEvenWithNothingCountedLost() {
        assertThat(report(0, 0, false).passed()).isFalse();
    }

    private static ChaosReport report(long lost, long duplicated, boolean caughtUp) {
        Map<String, ServiceAudit> services = new LinkedHashMap<>();
        services.put("cleaning", new ServiceAudit(10, 9, 1, 0, lost, 0, List.of(), List.of(), new LinkedHashMap<>()));
        Map<String, Object> trainer = new LinkedHashMap<>();
        trainer.put("checkpoint_mismatches", new ArrayList<String>());
        services.put("trainer", new ServiceAudit(10, 10, 0, 0, 0, duplicated, List.of(), List.of(), trainer));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("caught_up", caughtUp);
        return new ChaosReport(List.of(Map.of("service", "cleaning")), services, run);
    }
}
