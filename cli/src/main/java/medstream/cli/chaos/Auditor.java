package medstream.cli.chaos;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import medstream.contracts.CleanReject;
import medstream.contracts.CorpusText;
import medstream.contracts.DeadLetter;
import medstream.contracts.LabelResult;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.errors.DeadLetters;

/**
 * Accounts for every input of every service from the committed topics (and the trainer's checkpoints). The rules:
 * <ul>
 *   <li><b>cleaning</b>: each {@code raw.documents} key is in {@code clean.documents} (same key), {@code clean.rejects}
 *       ({@code documentId}) or the DLQ (service {@code *cleaning*}, input key); lost = none of these. Duplicated =
 *       records beyond the first content of a key on {@code clean.documents} / {@code clean.rejects}.</li>
 *   <li><b>knowledge</b>: its inputs (raw KG / exam / QA / PubMedQA records and clean documents) may make zero or
 *       several outputs by policy, so losses are found against the zero-kill run: lost = keys that run wrote on a
 *       stage, eval or label-request topic that this run did not. Duplicated = a key written with two contents.</li>
 *   <li><b>labeler</b>: each {@code label.requests} key has a {@code label.results} record or a DLQ record (service
 *       {@code *labeler*}); duplicated = records beyond the first for one (request, model version).</li>
 *   <li><b>trainer</b>: see {@link TrainerAudit}.</li>
 * </ul>
 */
public final class Auditor {
    private Auditor() {}

    /** Audits every service, in a stable order. */
    public static Map<String, ServiceAudit> audit(AuditInput in) {
        Map<String, ServiceAudit> out = new LinkedHashMap<>();
        out.put("cleaning", cleaning(in));
        out.put("knowledge", knowledge(in));
        out.put("labeler", labeler(in));
        out.put("trainer", TrainerAudit.audit(in));
        return out;
    }

    static ServiceAudit cleaning(AuditInput in) {
        TopicCatalog c = in.catalog();
        Set<String> inputs = keys(in.of(c.rawDocuments()));
        Set<String> kept = keys(in.of(c.cleanDocuments()));
        Set<String> rejected = new HashSet<>();
        in.of(c.cleanRejects()).forEach(r -> rejected.add(((CleanReject) r.value()).getDocumentId()));
        Set<String> dead = deadLetterKeys(in, "cleaning");
        Set<String> lost = new TreeSet<>(inputs);
        lost.removeAll(kept);
        lost.removeAll(rejected);
        lost.removeAll(dead);
        Set<String> dup = new TreeSet<>(twoContents(in.of(c.cleanDocuments())));
        dup.addAll(twoContents(in.of(c.cleanRejects())));
        Map<String, Object> details = new LinkedHashMap<>();
        Set<String> both = new TreeSet<>(kept);
        both.retainAll(rejected);
        details.put("kept_and_rejected", both.size());
        details.putAll(baselineDiff(in, List.of(c.cleanDocuments())));
        return new ServiceAudit(inputs.size(), kept.size(), rejected.size(), dead.size(), lost.size(), dup.size(),
                ServiceAudit.samples(lost), ServiceAudit.samples(dup), details);
    }

    static ServiceAudit knowledge(AuditInput in) {
        TopicCatalog c = in.catalog();
        Set<String> inputs = new HashSet<>();
        for (Topic<String, ?> t : List.of(c.rawKgTriplets(), c.rawExamQuestions(), c.rawQaPairs(), c.rawPubMedQa(), c.cleanDocuments())) {
            in.of(t).forEach(r -> inputs.add(t.name() + "/" + r.key()));
        }
        List<Topic<String, ?>> outputs = List.of(c.stage1Corpus(), c.stage2Instructions(), c.stage3Tasks(), c.evalItems(), c.labelRequests());
        long outputCount = 0;
        Set<String> dup = new TreeSet<>();
        for (Topic<String, ?> t : outputs) {
            outputCount += keys(in.of(t)).size();
            twoContents(in.of(t)).forEach(k -> dup.add(t.name() + "/" + k));
        }
        Set<String> lost = new TreeSet<>();
        for (Topic<String, ?> t : outputs) {
            Set<String> baseline = in.baselineKeys().get(t.name());
            if (baseline == null) continue;
            Set<String> missing = new TreeSet<>(baseline);
            missing.removeAll(keys(in.of(t)));
            missing.forEach(k -> lost.add(t.name() + "/" + k));
        }
        Map<String, Object> details = new LinkedHashMap<>(baselineDiff(in, outputs));
        details.put("stage1_by_kind", stage1ByKind(in.of(c.stage1Corpus())));
        return new ServiceAudit(inputs.size(), outputCount, 0, deadLetterKeys(in, "knowledge").size(), lost.size(), dup.size(),
                ServiceAudit.samples(lost), ServiceAudit.samples(dup), details);
    }

    static ServiceAudit labeler(AuditInput in) {
        TopicCatalog c = in.catalog();
        Set<String> inputs = keys(in.of(c.labelRequests()));
        Set<String> labeled = new HashSet<>();
        Map<String, Integer> perVersion = new HashMap<>();
        long review = 0;
        for (AuditRecord r : in.of(c.labelResults())) {
            LabelResult l = (LabelResult) r.value();
            labeled.add(l.getRequestId());
            perVersion.merge(l.getRequestId() + " @ " + l.getModelVersion(), 1, Integer::sum);
            if (l.getDecision() == medstream.contracts.Decision.REVIEW) review++;
        }
        Set<String> dead = deadLetterKeys(in, "labeler");
        Set<String> lost = new TreeSet<>(inputs);
        lost.removeAll(labeled);
        lost.removeAll(dead);
        Set<String> dup = new TreeSet<>();
        long extra = 0;
        for (var e : perVersion.entrySet()) {
            if (e.getValue() > 1) {
                dup.add(e.getKey());
                extra += e.getValue() - 1;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("review", review);
        details.put("model_versions", in.of(c.labelResults()).stream().map(r -> ((LabelResult) r.value()).getModelVersion())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        return new ServiceAudit(inputs.size(), labeled.size(), 0, dead.size(), lost.size(), extra,
                ServiceAudit.samples(lost), ServiceAudit.samples(dup), details);
    }

    /** Distinct keys of some records. */
    static Set<String> keys(List<AuditRecord> records) {
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(r.key()));
        return keys;
    }

    /** Keys written with more than one content: a re-processing that wrote something else the second time. */
    static Set<String> twoContents(List<AuditRecord> records) {
        Map<String, Set<String>> contents = new HashMap<>();
        records.forEach(r -> contents.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.content()));
        Set<String> dup = new HashSet<>();
        contents.forEach((k, v) -> { if (v.size() > 1) dup.add(k); });
        return dup;
    }

    /** Input keys of the dead letters of the services whose name contains {@code service}. */
    static Set<String> deadLetterKeys(AuditInput in, String service) {
        Set<String> keys = new HashSet<>();
        for (AuditRecord r : in.of(in.catalog().dlq())) {
            DeadLetter d = (DeadLetter) r.value();
            if (!d.getService().contains(service)) continue;
            keys.add(new String(DeadLetters.keyOf(d), StandardCharsets.UTF_8));
        }
        return keys;
    }

    /** Keys the zero-kill run wrote that this run did not ({@code missing}) and the other way round ({@code extra}). */
    private static Map<String, Object> baselineDiff(AuditInput in, List<Topic<String, ?>> topics) {
        if (in.baselineKeys().isEmpty()) return Map.of("baseline", "not run");
        Map<String, Object> diff = new LinkedHashMap<>();
        for (Topic<String, ?> t : topics) {
            Set<String> baseline = in.baselineKeys().getOrDefault(t.name(), Set.of());
            Set<String> chaos = keys(in.of(t));
            Set<String> missing = new TreeSet<>(baseline);
            missing.removeAll(chaos);
            Set<String> extra = new TreeSet<>(chaos);
            extra.removeAll(baseline);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("baseline_keys", baseline.size());
            m.put("missing", missing.size());
            m.put("extra", extra.size());
            if (!extra.isEmpty()) m.put("extra_keys", ServiceAudit.samples(extra));
            diff.put(t.name(), m);
        }
        return Map.of("baseline", diff);
    }

    private static Map<String, Integer> stage1ByKind(List<AuditRecord> records) {
        Map<String, Set<String>> byKind = new java.util.TreeMap<>();
        records.forEach(r -> byKind.computeIfAbsent(((CorpusText) r.value()).getSourceKind(), k -> new HashSet<>()).add(r.key()));
        Map<String, Integer> counts = new java.util.TreeMap<>();
        byKind.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }
}
