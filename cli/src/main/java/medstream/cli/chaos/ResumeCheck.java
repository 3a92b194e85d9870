package medstream.cli.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether every restarted trainer resumed exactly at the offsets its checkpoint recorded: each
 * {@code stage N: resuming from <version> (step S, offsets {...})} line in the trainer's logs is compared with the
 * offsets in that version's checkpoint on disk.
 */
final class ResumeCheck {
    static final Pattern RESUMING = Pattern.compile("stage (\\d): resuming from (\\S+) \\(step \\d+, offsets (\\{[^}]*})\\)");

    private ResumeCheck() {}

    /** {@code {"checked": n, "mismatches": [...]}} over the trainer logs in {@code logs}. */
    static Map<String, Object> fromLogs(Path logs, Map<Integer, List<AuditInput.CheckpointInfo>> checkpoints) {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("trainer-")).sorted().toList()) {
                Matcher m = RESUMING.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    checked++;
                    String recorded = checkpoints.getOrDefault(Integer.parseInt(m.group(1)), List.of()).stream()
                            .filter(c -> c.version().equals(m.group(2))).map(c -> String.valueOf(new java.util.TreeMap<>(c.offsets())))
                            .findFirst().orElse("(no such checkpoint on disk)");
                    if (!recorded.equals(m.group(3))) {
                        mismatches.add(f.getFileName() + ": stage " + m.group(1) + " resumed from " + m.group(2) + " at " + m.group(3)
                                + ", its checkpoint records " + recorded);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the trainer logs in " + logs, e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("checked", checked);
        out.put("mismatches", mismatches);
        return out;
    }
}
