package medstream.cli.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON object {@code chaos} prints: totals over the services ({@code kills}, {@code inputs}, {@code outputs},
 * {@code rejects}, {@code dead_letters}, {@code lost}, {@code duplicated}), each service's audit, and each kill.
 *
 * @param kills the kills made, in order (service, moment, pid, seconds into the run, whether its marker came)
 * @param services the audit per service
 * @param run what was run: seed, limit, generated documents, wall time, restarts, catch-up ...
 */
public record ChaosReport(List<Map<String, Object>> kills, Map<String, ServiceAudit> services, Map<String, Object> run) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records lost, over every service. */
    public long lost() { return services.values().stream().mapToLong(ServiceAudit::lost).sum(); }

    /** Records duplicated, over every service. */
    public long duplicated() { return services.values().stream().mapToLong(ServiceAudit::duplicated).sum(); }

    /** Trainer stages whose last checkpoint does not resume where its ranges end. */
    @SuppressWarnings("unchecked")
    public int checkpointMismatches() {
        ServiceAudit trainer = services.get("trainer");
        return trainer == null ? 0 : ((List<String>) trainer.details().getOrDefault("checkpoint_mismatches", List.of())).size();
    }

    /**
     * Whether the run passed: it caught up (else records still in flight would pass for pending rather than lost),
     * nothing lost, nothing twice, and every checkpoint resumes where its ranges end.
     */
    public boolean passed() {
        return !Boolean.FALSE.equals(run.get("caught_up")) && lost() == 0 && duplicated() == 0 && checkpointMismatches() == 0;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kills", kills.size());
        m.put("inputs", services.values().stream().mapToLong(ServiceAudit::inputs).sum());
        m.put("outputs", services.values().stream().mapToLong(ServiceAudit::outputs).sum());
        m.put("rejects", services.values().stream().mapToLong(ServiceAudit::rejects).sum());
        m.put("dead_letters", services.values().stream().mapToLong(ServiceAudit::deadLetters).sum());
        m.put("lost", lost());
        m.put("duplicated", duplicated());
        m.put("passed", passed());
        Map<String, Object> per = new LinkedHashMap<>();
        services.forEach((name, audit) -> per.put(name, audit.toJson()));
        m.put("services", per);
        m.put("kill_log", kills);
        m.put("run", run);
        return m;
    }

    /** One line of JSON. */
    public String json() {
        try {
            return JSON.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The chaos report holds only maps, lists, strings and numbers", e);
        }
    }
}
