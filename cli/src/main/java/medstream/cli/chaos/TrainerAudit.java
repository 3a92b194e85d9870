package medstream.cli.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.ModelVersion;
import medstream.contracts.OffsetRange;
import medstream.topics.Topic;

/**
 * The trainer's audit, per stage topic, from the published versions' offset ranges ({@code model.versions}) and the
 * checkpoints on disk:
 * <ul>
 *   <li>a committed stage record is <b>trained</b> when one version's range holds its offset, <b>duplicated</b> once
 *       for every further version of the same stage whose range holds it, <b>lost</b> when no range holds it although
 *       it lies below the offset the last checkpoint resumes at, and <b>pending</b> when it lies at or above it
 *       (the next round's; zero once the trainer has caught up);</li>
 *   <li>the last checkpoint resumes exactly where the ranges end: its recorded next offset per partition equals the
 *       end of the newest range, else the stage is listed under {@code checkpoint_mismatches};</li>
 *   <li>a version on disk that never reached {@code model.versions} (killed between its checkpoint and its
 *       publication) is listed under {@code unpublished}, and its range [previous version's offsets, its offsets)
 *       counts as trained.</li>
 * </ul>
 */
final class TrainerAudit {
    private TrainerAudit() {}

    static ServiceAudit audit(AuditInput in) {
        var c = in.catalog();
        Map<Integer, Topic<String, ?>> topics = Map.of(1, c.stage1Corpus(), 2, c.stage2Instructions(), 3, c.stage3Tasks());
        Map<Integer, List<OffsetRange>> ranges = new TreeMap<>();
        Map<String, String> published = new HashMap<>();
        long dupVersions = 0;
        for (AuditRecord r : in.of(c.modelVersions())) {
            ModelVersion v = (ModelVersion) r.value();
            String before = published.putIfAbsent(v.getVersion(), r.content());
            if (before != null && before.equals(r.content())) continue; // the same record, read again
            if (before != null) dupVersions++; // one version published with two contents
            ranges.computeIfAbsent(v.getStage(), s -> new ArrayList<>()).addAll(v.getOffsetRanges());
        }
        long inputs = 0, trained = 0, lost = 0, duplicated = dupVersions, pending = 0;
        List<String> lostKeys = new ArrayList<>();
        List<String> dupKeys = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        List<String> unpublished = new ArrayList<>();
        Map<String, Object> perStage = new LinkedHashMap<>();
        for (var e : new TreeMap<>(topics).entrySet()) {
            int stage = e.getKey();
            String topic = e.getValue().name();
            List<AuditInput.CheckpointInfo> onDisk = in.checkpoints().getOrDefault(stage, List.of());
            List<OffsetRange> stageRanges = new ArrayList<>(ranges.getOrDefault(stage, List.of()));
            stageRanges.addAll(unpublishedRanges(onDisk, published, topic, unpublished));
            Map<Integer, Long> resumeAt = onDisk.isEmpty() ? Map.of() : partitionOffsets(onDisk.get(onDisk.size() - 1).offsets(), topic);
            Map<Integer, Long> rangeEnds = new TreeMap<>();
            stageRanges.stream().filter(r -> r.getTopic().equals(topic))
                    .forEach(r -> rangeEnds.merge(r.getPartition(), r.getToOffset(), Math::max));
            // A partition without new records in a round gets no range, so an absent end is the partition's start (0).
            boolean resumesAtRangeEnd = java.util.stream.Stream.concat(resumeAt.keySet().stream(), rangeEnds.keySet().stream())
                    .allMatch(p -> resumeAt.getOrDefault(p, 0L).equals(rangeEnds.getOrDefault(p, 0L)));
            if (!resumesAtRangeEnd) mismatches.add("stage " + stage + ": checkpoint " + resumeAt + ", ranges end " + rangeEnds);
            long stageLost = 0, stagePending = 0, stageDup = 0, stageInputs = 0;
            for (AuditRecord r : in.of(e.getValue())) {
                stageInputs++;
                int holders = 0;
                for (OffsetRange range : stageRanges) {
                    if (range.getTopic().equals(topic) && range.getPartition() == r.partition()
                            && r.offset() >= range.getFromOffset() && r.offset() < range.getToOffset()) holders++;
                }
                String where = topic + "-" + r.partition() + "@" + r.offset() + " " + r.key();
                if (holders > 1) {
                    stageDup += holders - 1;
                    if (dupKeys.size() < ServiceAudit.SAMPLES) dupKeys.add(where);
                }
                if (holders > 0) trained++;
                else if (r.offset() < resumeAt.getOrDefault(r.partition(), 0L)) {
                    stageLost++;
                    if (lostKeys.size() < ServiceAudit.SAMPLES) lostKeys.add(where);
                } else stagePending++;
            }
            inputs += stageInputs;
            lost += stageLost;
            pending += stagePending;
            duplicated += stageDup;
            perStage.put("stage" + stage, Map.of("records", stageInputs, "versions", onDisk.size(), "lost", stageLost,
                    "duplicated", stageDup, "pending", stagePending, "resumes_at", resumeAt));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pending", pending);
        details.put("checkpoint_mismatches", mismatches);
        details.put("unpublished", unpublished);
        details.put("stages", perStage);
        long dead = Auditor.deadLetterKeys(in, "trainer").size();
        return new ServiceAudit(inputs, trained, 0, dead, lost, duplicated, lostKeys, dupKeys, details);
    }

    /**
     * Ranges of on-disk versions missing from model.versions: from the previous version of the same stage on disk to
     * their own offsets (a stage's versions are written one after the other, each resuming where the one before
     * ended; the recorded parent may be another stage's version, after a rebase, so it cannot give the start).
     */
    private static List<OffsetRange> unpublishedRanges(List<AuditInput.CheckpointInfo> onDisk, Map<String, String> published,
                                                       String topic, List<String> unpublished) {
        List<OffsetRange> out = new ArrayList<>();
        for (int i = 0; i < onDisk.size(); i++) {
            AuditInput.CheckpointInfo v = onDisk.get(i);
            if (published.containsKey(v.version())) continue;
            unpublished.add(v.version());
            Map<Integer, Long> from = i == 0 ? Map.of() : partitionOffsets(onDisk.get(i - 1).offsets(), topic);
            partitionOffsets(v.offsets(), topic).forEach((p, to) -> {
                long start = from.getOrDefault(p, 0L);
                if (to > start) out.add(new OffsetRange(topic, p, start, to));
            });
        }
        return out;
    }

    /** {@code topic-partition -> offset} entries of one topic, by partition. */
    static Map<Integer, Long> partitionOffsets(Map<String, Long> offsets, String topic) {
        Map<Integer, Long> out = new TreeMap<>();
        offsets.forEach((k, v) -> {
            int dash = k.lastIndexOf('-');
            if (dash > 0 && k.substring(0, dash).equals(topic)) out.put(Integer.parseInt(k.substring(dash + 1)), v);
        });
        return out;
    }
}
