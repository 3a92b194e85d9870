package medstream.cli.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;

/**
 * Everything the {@link Auditor} reads: the committed records of every catalog topic, the trainer's checkpoints
 * on disk, and, when a zero-kill run was made, the output keys it produced.
 *
 * @param catalog the chaos run's topic names
 * @param records topic name to its committed records (read_committed, from the beginning)
 * @param checkpoints stage to the versions on disk, oldest first
 * @param baselineKeys chaos-run topic name to the keys the zero-kill run wrote on its twin topic; empty when no
 *                     zero-kill run was made
 */
public record AuditInput(TopicCatalog catalog, Map<String, List<AuditRecord>> records, Map<Integer, List<CheckpointInfo>> checkpoints,
                         Map<String, Set<String>> baselineKeys) {

    /** The records of one topic (none when it was not read). */
    public List<AuditRecord> of(Topic<String, ?> topic) {
        return records.getOrDefault(topic.name(), List.of());
    }

    /**
     * One trainer checkpoint as written on disk.
     *
     * @param version its version ({@code s1-v0003})
     * @param parent the version it continued from, or null
     * @param offsets next offset to consume per {@code topic-partition}, as the checkpoint recorded them
     */
    public record CheckpointInfo(String version, String parent, Map<String, Long> offsets) {}
}
