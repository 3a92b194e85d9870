package medstream.topics.admin;

import java.util.List;
import java.util.Locale;

/**
 * What {@link TopicProvisioner#provision} found and did.
 *
 * @param created    topics that did not exist and were created
 * @param unchanged  topics that already existed with the catalog's layout
 * @param mismatches settings of existing topics that differ from the catalog (left as they are)
 */
public record ProvisioningReport(List<String> created, List<String> unchanged, List<Mismatch> mismatches) {
    public ProvisioningReport {
        created = List.copyOf(created);
        unchanged = List.copyOf(unchanged);
        mismatches = List.copyOf(mismatches);
    }

    /** True when every catalog topic exists with the catalog's layout. */
    public boolean isClean() { return mismatches.isEmpty(); }

    /** True when this run created nothing (a second provisioning run should be a no-op). */
    public boolean isNoOp() { return created.isEmpty(); }

    /** Topics that exist but differ from the catalog (each once, however many of its settings differ). */
    public long differing() {
        return mismatches.stream().map(Mismatch::topic).distinct().count();
    }

    /**
     * The report in one line for a person, e.g. {@code 18 topics: 2 created, 16 already there, 0 differing from the
     * catalog}; the mismatches themselves are listed by {@link Mismatch#toString()}.
     */
    public String summary() {
        return String.format(Locale.ROOT, "%d topics: %d created, %d already there, %d differing from the catalog",
                created.size() + unchanged.size() + differing(), created.size(), unchanged.size(), differing());
    }

    /**
     * One difference between an existing topic and its catalog declaration.
     *
     * @param topic    full topic name
     * @param setting  what differs: {@code partitions}, {@code cleanup.policy} or {@code replication.factor}
     * @param expected the catalog's value
     * @param actual   the broker's value
     */
    public record Mismatch(String topic, String setting, String expected, String actual) {
        @Override public String toString() {
            return topic + ": " + setting + " is " + actual + ", the catalog declares " + expected;
        }
    }
}
