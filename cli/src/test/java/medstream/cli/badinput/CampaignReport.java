package medstream.cli.badinput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import medstream.contracts.CleanReject;
import medstream.contracts.DeadLetter;

/**
 * Accounts for every probe: the dead letter or the reject that names it (by file and line, by topic, partition and
 * offset, or by record id), and counts per kind of bad input: sent, dead-lettered, rejected, missing, and the error
 * classes and reason codes seen.
 */
final class CampaignReport {
    /** Where one probe ended up: {@code dlq:<error class>} or {@code reject:<reason code>}, with the text given. */
    record Trace(Probe probe, String outcome, String reason) { }

    /** Counts of one kind. */
    static final class KindCounts {
        long sent;
        long dlq;
        long rejected;
        final List<Probe> missing = new ArrayList<>();
        final Map<String, Long> outcomes = new TreeMap<>();
    }

    private final Map<String, KindCounts> byKind = new TreeMap<>();
    private final List<Trace> traces = new ArrayList<>();

    private CampaignReport() { }

    static CampaignReport account(List<Probe> probes, List<DeadLetter> letters, List<CleanReject> rejects) {
        CampaignReport r = new CampaignReport();
        for (Probe p : probes) {
            KindCounts k = r.byKind.computeIfAbsent(p.kind(), x -> new KindCounts());
            k.sent++;
            Optional<Trace> trace = letters.stream().filter(l -> names(p, l)).findFirst()
                    .map(l -> new Trace(p, "dlq:" + l.getErrorClass(), l.getDescription()))
                    .or(() -> rejects.stream().filter(j -> names(p, j)).findFirst()
                            .map(j -> new Trace(p, "reject:" + j.getReasonCode(), j.getFilterName() + ": "
                                    + (j.getDetail() == null ? "" : j.getDetail()))));
            if (trace.isEmpty()) {
                k.missing.add(p);
                continue;
            }
            r.traces.add(trace.get());
            if (trace.get().outcome().startsWith("dlq:")) k.dlq++; else k.rejected++;
            k.outcomes.merge(trace.get().outcome(), 1L, Long::sum);
        }
        return r;
    }

    private static boolean names(Probe p, DeadLetter l) {
        if (p.isFile()) {
            return l.getTopic().startsWith("file:") && l.getTopic().endsWith(p.where())
                    && (p.offset() < 0 || l.getOffset() == p.offset());
        }
        return l.getTopic().equals(p.where()) && l.getPartition() == p.partition() && l.getOffset() == p.offset();
    }

    private static boolean names(Probe p, CleanReject j) {
        if (p.recordId() != null && p.recordId().equals(j.getDocumentId())) return true;
        return !p.isFile() && j.getLineage().getTopic().equals(p.where())
                && j.getLineage().getPartition() == p.partition() && j.getLineage().getOffset() == p.offset();
    }

    Map<String, KindCounts> byKind() {
        return byKind;
    }

    List<Trace> traces() {
        return traces;
    }

    long sent() {
        return byKind.values().stream().mapToLong(k -> k.sent).sum();
    }

    List<Probe> missing() {
        return byKind.values().stream().flatMap(k -> k.missing.stream()).toList();
    }

    /** A Markdown table per kind, then the missing inputs (none when the campaign passes). */
    String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "# Bad-input campaign: %,d inputs of %d kinds%n%n", sent(), byKind.size()));
        s.append("| kind | sent | dlq | rejected | missing | outcomes (error class / reason code) |\n");
        s.append("|---|---:|---:|---:|---:|---|\n");
        byKind.forEach((kind, k) -> s.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s |%n", kind,
                k.sent, k.dlq, k.rejected, k.missing.size(), k.outcomes)));
        List<Probe> missing = missing();
        if (!missing.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nUnaccounted (%d):%n", missing.size()));
            missing.stream().limit(50).forEach(p -> s.append("- ").append(p.kind()).append(' ').append(p.input())
                    .append('\n'));
        }
        s.append("\nOne example per outcome:\n");
        Map<String, Trace> examples = new TreeMap<>();
        traces.forEach(t -> examples.putIfAbsent(t.probe().kind() + " " + t.outcome(), t));
        examples.forEach((k, t) -> s.append("- ").append(k).append(" (").append(t.probe().input()).append("): ")
                .append(shorten(t.reason())).append('\n'));
        return s.toString();
    }

    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("bad-input-campaign.md");
        Files.writeString(file, format(), StandardCharsets.UTF_8);
        return file;
    }

    private static String shorten(String s) {
        String one = s == null ? "" : s.replace('\n', ' ');
        return one.length() <= 240 ? one : one.substring(0, 240) + "...";
    }
}
